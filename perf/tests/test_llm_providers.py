"""Which provider answers and how: the configured one is picked, one SDK client serves a
configuration, and an OpenAI-compatible server is read through json_schema, json_object or
plain text, with a hint naming the JSON modes left. Against a local server speaking the real
wire protocols, through the real SDKs; nothing of perf.llm is mocked here."""

import json

import pytest

from perf.llm import LLMConfig, LLMError, generate_summary
from perf.llm import anthropic as anthropic_provider

from .conftest import good_answer, make_request
from .fake_llm import Step


def test_one_sdk_client_serves_every_call_of_a_configuration(fake_llm, anthropic_config):
    fake_llm.answer(good_answer())
    fake_llm.answer(good_answer())
    before = anthropic_provider._client.cache_info()

    generate_summary(make_request(), anthropic_config)
    generate_summary(make_request(), anthropic_config)

    after = anthropic_provider._client.cache_info()
    assert after.misses - before.misses <= 1
    assert after.hits - before.hits >= 1


def test_openai_compatible_server_with_json_schema(fake_llm, openai_config):
    fake_llm.answer(good_answer(), input_tokens=900, output_tokens=90)

    result = generate_summary(make_request(), openai_config)

    sent = fake_llm.requests[0]
    assert sent["path"] == "/v1/chat/completions"
    assert sent["body"]["model"] == "qwen"
    assert sent["body"]["response_format"]["type"] == "json_schema"
    assert sent["body"]["messages"][0]["role"] == "system"
    assert (result.provider, result.input_tokens, result.output_tokens) == ("openai", 900, 90)
    assert result.goals[0].outcomes[0].entry_refs == ["E2"]


def test_openai_json_object_mode_puts_the_schema_in_the_prompt(fake_llm, openai_config):
    config = LLMConfig(**{**openai_config.__dict__, "openai_json_mode": "json_object"})
    fake_llm.answer(good_answer())

    generate_summary(make_request(), config)

    body = fake_llm.requests[0]["body"]
    assert body["response_format"] == {"type": "json_object"}
    assert "The JSON schema of the answer" in body["messages"][0]["content"]


def test_openai_plain_text_mode_reads_fenced_json(fake_llm, openai_config):
    config = LLMConfig(**{**openai_config.__dict__, "openai_json_mode": "none"})
    fake_llm.answer("Here it is:\n```json\n" + json.dumps(good_answer()) + "\n```")

    result = generate_summary(make_request(), config)

    assert "response_format" not in fake_llm.requests[0]["body"]
    assert result.goals[0].title == "Reliable billing"


def test_a_server_refusing_json_schema_names_the_setting(fake_llm, openai_config):
    fake_llm.script(Step(status=400))

    with pytest.raises(LLMError, match="set OPENAI_JSON_MODE to json_object or none"):
        generate_summary(make_request(), openai_config)


@pytest.mark.parametrize(
    ("config", "provider"),
    [
        (LLMConfig(), "offline"),
        (LLMConfig(openai_base_url="http://localhost:11434/v1"), "openai"),
        (LLMConfig(anthropic_api_key="k", openai_base_url="http://x"), "anthropic"),
        (LLMConfig(provider="offline", anthropic_api_key="k"), "offline"),
    ],
)
def test_auto_picks_the_configured_provider(config, provider):
    assert config.resolved_provider() == provider


def test_the_json_mode_hint_names_only_the_modes_left(fake_llm, openai_config):
    config = LLMConfig(**{**openai_config.__dict__, "openai_json_mode": "json_object"})
    fake_llm.script(Step(status=400))

    with pytest.raises(LLMError, match="set OPENAI_JSON_MODE to none"):
        generate_summary(make_request(), config)
