"""What a model's answer becomes: a summary grounded in the entries sent, with its tokens
counted, one repair of malformed JSON, references to what was never sent dropped and figures
the cited entries do not state flagged. Against a local server speaking the real wire
protocols, through the real SDKs; nothing of perf.llm is mocked here."""

import pytest

from perf.llm import LLMError, generate_summary

from .conftest import good_answer, make_request
from .fake_llm import cached_prefix, system_of


def test_anthropic_answer_becomes_a_grounded_summary(fake_llm, anthropic_config):
    fake_llm.answer(good_answer(), input_tokens=1234, output_tokens=321)

    result = generate_summary(make_request(), anthropic_config)

    assert result.provider == "anthropic" and result.model == "claude-sonnet-5-5"
    # The prompt's tokens: those not cached, and those written to the cache.
    assert result.input_tokens == 1234 + len(cached_prefix(fake_llm.requests[0]["body"])) // 4
    assert result.output_tokens == 321
    goal = result.goals[0]
    assert goal.goal_ref == "G1"
    assert [(b.text, b.entry_refs, b.unsupported) for b in goal.outcomes] == [
        ("Cut event lag from 40 s to 2 s", ["E2"], [])
    ]
    sent = fake_llm.requests[0]
    assert sent["path"] == "/v1/messages"
    assert sent["headers"]["authorization"] == "Bearer test-key"
    assert sent["body"]["output_config"]["format"]["type"] == "json_schema"
    assert "technical depth" in system_of(sent["body"])


def test_malformed_json_gets_one_repair_attempt(fake_llm, anthropic_config):
    fake_llm.answer('{"summary_text": "cut off', input_tokens=10, output_tokens=5)
    fake_llm.answer(good_answer(), input_tokens=20, output_tokens=7)

    result = generate_summary(make_request(), anthropic_config)

    assert result.output_tokens == 12
    repair = fake_llm.requests[1]["body"]["messages"]
    assert repair[0] == fake_llm.requests[0]["body"]["messages"][0]
    assert repair[1] == {"role": "assistant", "content": '{"summary_text": "cut off'}
    assert "did not match the required JSON schema" in repair[2]["content"]


def test_a_repair_reads_the_prompt_from_the_cache_and_counts_it(fake_llm, anthropic_config):
    fake_llm.answer('{"goals": [', input_tokens=10, output_tokens=5)
    fake_llm.answer(good_answer(), input_tokens=20, output_tokens=7)

    result = generate_summary(make_request(), anthropic_config)

    journal = len(cached_prefix(fake_llm.requests[0]["body"])) // 4
    # The first call writes the system prompt and journal to the cache, the repair reads them.
    assert result.input_tokens == 10 + journal + 20 + journal
    assert result.output_tokens == 12


def test_malformed_json_twice_fails_cleanly(fake_llm, anthropic_config):
    fake_llm.answer("not json at all")
    fake_llm.answer({"summary_text": "missing goals"})

    with pytest.raises(LLMError, match="answered twice with JSON that does not fit"):
        generate_summary(make_request(), anthropic_config)


def test_invented_and_plan_references_are_dropped(fake_llm, anthropic_config):
    fake_llm.answer(
        good_answer(
            goals=[
                {
                    "goal_ref": "G7",  # not a goal that was sent: a proposed new goal then
                    "title": "Payments",
                    "context": "",
                    "context_refs": [],
                    "outputs": [
                        {"text": "Reviewed PRs", "refs": ["E3", "E99"]},
                        {"text": "Invented work", "refs": ["E99"]},
                        {"text": "Only a plan", "refs": ["E1"]},
                    ],
                    "outcomes": [],
                }
            ]
        )
    )

    result = generate_summary(make_request(), anthropic_config)

    goal = result.goals[0]
    assert goal.goal_ref is None
    assert [(b.text, b.entry_refs) for b in goal.outputs] == [("Reviewed PRs", ["E3"])]
    assert result.ungrounded_count == 2


def test_figures_missing_from_the_cited_entries_are_flagged(fake_llm, anthropic_config):
    fake_llm.answer(
        good_answer(
            summary_text="Saved 12% of costs in March.",
            goals=[
                {
                    "goal_ref": "G1",
                    "title": "Reliable billing",
                    "context": "Lag was 40 s.",
                    "context_refs": [],
                    "outputs": [{"text": "Reviewed 5 PRs", "refs": ["E3"]}],
                    "outcomes": [{"text": "Lag from 40 s to 2 s on 2026-03-03", "refs": ["E2"]}],
                }
            ],
        )
    )

    result = generate_summary(make_request(), anthropic_config)

    goal = result.goals[0]
    assert goal.outputs[0].unsupported == ["5"]
    assert goal.outcomes[0].unsupported == []
    assert goal.context_unsupported == ["40 s"]  # it cites no entry, its goal says no 40 s
    assert result.summary_unsupported == ["12%"]


def test_references_written_loosely_still_count(fake_llm, anthropic_config):
    fake_llm.answer(
        good_answer(
            goals=[
                {
                    "goal_ref": None,
                    "title": "Payments",
                    "context": "",
                    "context_refs": [],
                    "outputs": [{"text": "Reviewed PRs", "refs": ["[E3]", "e2"]}],
                    "outcomes": [],
                }
            ]
        )
    )

    result = generate_summary(make_request(), anthropic_config)

    assert result.goals[0].outputs[0].entry_refs == ["E3", "E2"]
    assert result.ungrounded_count == 0
