"""A review form answered by a model: one call for the whole form, every answer's points
grounded in the entries sent, and each answer held to its character limit (shortened once,
then cut). Against a local server speaking the real wire protocols, through the real SDKs;
nothing of perf.llm is mocked here."""

import pytest

from perf.llm import LLMError, generate_answers
from perf.llm.schemas import KeptPoint, QuestionData

from .conftest import make_request
from .fake_llm import Step, prompt_of, system_of

FORM = [
    QuestionData(ref="Q1", text="What were your most important accomplishments?", limit=300),
    QuestionData(ref="Q2", text="Where did you help others?", guidance="Reviews, pairing"),
    QuestionData(ref="Q3", text="What did you do for security?", limit=200),
]
LONG = "Moved billing events from the nightly cron to Kafka consumers. " * 4


def form_request(**fields):
    return make_request(questions=FORM, **fields)


def answers(*pairs):
    """A model's answer: (question ref, [(text, refs)]) per answer."""
    return {
        "answers": [
            {"question_ref": ref, "points": [{"text": t, "refs": r} for t, r in points]}
            for ref, points in pairs
        ]
    }


def good_form():
    return answers(
        ("Q1", [("Moved billing events to Kafka", ["E2"]), ("Cut lag from 40 s to 2 s", ["E2"])]),
        ("Q2", [("Reviewed 3 PRs for payments", ["E3"])]),
        ("Q3", []),
    )


def shown(result):
    return [(a.question_ref, [(p.text, p.entry_refs) for p in a.points]) for a in result.answers]


@pytest.mark.parametrize("provider", ["anthropic_config", "openai_config"])
def test_a_pasted_form_is_answered_in_one_call_and_grounded(fake_llm, provider, request):
    config = request.getfixturevalue(provider)
    fake_llm.answer(good_form(), input_tokens=900, output_tokens=120)

    result = generate_answers(form_request(), config)

    assert len(fake_llm.requests) == 1 and result.llm_calls == 1
    assert shown(result) == [
        ("Q1", [("Moved billing events to Kafka", ["E2"]), ("Cut lag from 40 s to 2 s", ["E2"])]),
        ("Q2", [("Reviewed 3 PRs for payments", ["E3"])]),
        ("Q3", []),  # no entry speaks to security: no answer invented
    ]
    assert not any(a.shortened or a.cut for a in result.answers)
    assert result.output_tokens == 120 and result.is_ai
    prompt = prompt_of(fake_llm.requests[0]["body"])
    assert "E2 (G1) Moved billing events to Kafka, lag from 40 s to 2 s" in prompt
    assert prompt.endswith(
        "The form's questions:\n"
        "Q1 What were your most important accomplishments? (at most 300 characters)\n"
        "Q2 Where did you help others? — Reviews, pairing\n"
        "Q3 What did you do for security? (at most 200 characters)"
    )


def test_invented_refs_unknown_questions_and_missing_answers(fake_llm, anthropic_config):
    fake_llm.answer(
        answers(
            ("Q1", [("Saved $1M", ["E99"]), ("Only a plan", ["E1"]), ("Used Kafka", ["e2"])]),
            ("Q9", [("An answer to no question", ["E3"])]),
            ("Q1", [("A second answer to Q1", ["E3"])]),
        )
    )

    result = generate_answers(form_request(), anthropic_config)

    assert shown(result) == [("Q1", [("Used Kafka", ["E2"])]), ("Q2", []), ("Q3", [])]
    assert result.ungrounded_count == 2


def test_figures_the_cited_entries_lack_are_flagged_per_point(fake_llm, anthropic_config):
    fake_llm.answer(answers(("Q2", [("Reviewed 5 PRs for the Platform team", ["E3"])])))

    result = generate_answers(form_request(), anthropic_config)

    assert result.answers[1].points[0].unsupported == ["5", "Platform team"]


def test_an_answer_over_its_limit_is_shortened_once(fake_llm, anthropic_config):
    fake_llm.answer(answers(("Q3", [(LONG, ["E2"])])), input_tokens=900, output_tokens=100)
    fake_llm.answer(answers(("Q3", [("Moved billing events to Kafka", ["E2"])])), output_tokens=20)

    result = generate_answers(form_request(), anthropic_config)

    assert len(fake_llm.requests) == 2 and result.llm_calls == 2
    answer = result.answers[2]
    assert answer.shortened and not answer.cut
    assert [p.text for p in answer.points] == ["Moved billing events to Kafka"]
    assert result.output_tokens == 120
    shorten = fake_llm.requests[1]["body"]
    asked = prompt_of(shorten)
    assert asked.startswith(
        f"Q3 “What did you do for security?”: {len(LONG.strip())} characters, limit 200"
    )
    assert "(E2)" in asked and "Q1" not in asked  # only the answers over their limits
    assert "Journal entries" not in asked  # the answers are shortened, not written again
    assert "Add no claim" in system_of(shorten)


@pytest.mark.parametrize("provider", ["anthropic_config", "openai_config"])
def test_still_over_after_shortening_it_is_cut_at_a_sentence(fake_llm, provider, request):
    config = request.getfixturevalue(provider)
    fake_llm.answer(answers(("Q3", [(LONG, ["E2"])])))
    fake_llm.answer(answers(("Q3", [(LONG[:-40], ["E2"]), ("Reviewed PRs", ["E3"])])))

    result = generate_answers(form_request(), config)

    answer = result.answers[2]
    assert answer.shortened and answer.cut
    text = "\n".join(p.text for p in answer.points)
    assert len(text) <= 200
    assert text == "Moved billing events from the nightly cron to Kafka consumers. " * 2 + (
        "Moved billing events from the nightly cron to Kafka consumers."
    )


def test_a_failing_shorten_call_keeps_the_answer_and_cuts_it(fake_llm, anthropic_config):
    fake_llm.answer(answers(("Q1", [("Reviewed PRs", ["E3"])]), ("Q3", [(LONG, ["E2"])])))
    fake_llm.script(*[Step(status=500)] * 3)  # the SDK's two retries too

    result = generate_answers(form_request(), anthropic_config)

    assert result.llm_calls == 2
    assert [p.text for p in result.answers[0].points] == ["Reviewed PRs"]
    answer = result.answers[2]
    assert answer.shortened and answer.cut
    assert len(answer.points[0].text) <= 200 and answer.points[0].entry_refs == ["E2"]


def test_a_failing_first_call_fails_with_a_readable_reason(fake_llm, anthropic_config):
    fake_llm.script(*[Step(status=401)] * 3)

    with pytest.raises(LLMError, match=r"refused the API key \(401\)"):
        generate_answers(form_request(), anthropic_config)


def test_malformed_answers_get_one_repair(fake_llm, anthropic_config):
    fake_llm.answer({"answers": [{"question_ref": "Q1"}]})
    fake_llm.answer({"goals": []})

    with pytest.raises(LLMError, match="does not fit the form's answers"):
        generate_answers(form_request(), anthropic_config)
    assert len(fake_llm.requests) == 2


def test_a_russian_promotion_packet_is_asked_in_russian(fake_llm, anthropic_config):
    packet = [
        QuestionData(ref="Q1", text="Техническая глубина", guidance="Архитектура", limit=1500),
        QuestionData(ref="Q2", text="Лидерство", limit=1000),
    ]
    fake_llm.answer(answers(("Q1", [("Перевёл биллинг на Kafka", ["E2"])]), ("Q2", [])))

    result = generate_answers(make_request(language="ru", questions=packet), anthropic_config)

    body = fake_llm.requests[0]["body"]
    assert "Ты отвечаешь на вопросы формы ревью" in system_of(body)
    assert "технической глубине" in system_of(body)  # the engineer's role, in Russian
    assert prompt_of(body).endswith(
        "Вопросы формы:\nQ1 Техническая глубина — Архитектура (не больше 1500 символов)\n"
        "Q2 Лидерство (не больше 1000 символов)"
    )
    assert [len(a.points) for a in result.answers] == [1, 0]


def test_the_role_changes_the_form_prompt(fake_llm, anthropic_config):
    fake_llm.answer(good_form())
    fake_llm.answer(good_form())

    generate_answers(form_request(role="engineer"), anthropic_config)
    generate_answers(form_request(role="manager"), anthropic_config)

    engineer, manager = (system_of(r["body"]) for r in fake_llm.requests)
    assert "technical depth" in engineer and "people's growth" not in engineer
    assert "people's growth" in manager and "technical depth" not in manager


def test_kept_points_count_against_the_limit_and_focus_asks_for_one(fake_llm, anthropic_config):
    kept = KeptPoint(section=FORM[0].text, kind="output", text="x" * 99, refs=["E2"])
    fake_llm.answer(answers(("Q1", [("Reviewed PRs", ["E3"])])))

    result = generate_answers(
        make_request(questions=FORM[:1], kept=[kept], focus=FORM[0].text), anthropic_config
    )

    prompt = prompt_of(fake_llm.requests[0]["body"])
    assert f"- {FORM[0].text} / output: {'x' * 99} (E2)" in prompt
    assert f"Write again only the answer to “{FORM[0].text}”." in prompt
    assert "Rewrite only the section" not in prompt  # the summary's goal wording
    assert prompt.endswith("(at most 200 characters)")  # 300, less the kept line
    assert result.answers[0].points[0].text == "Reviewed PRs"
