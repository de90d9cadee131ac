"""Which provider answers and how: the configured one is picked, one SDK client serves a
configuration, and an OpenAI-compatible server is read through json_schema, json_object or
plain text, with a hint naming the JSON modes left. Against a local server speaking the real
wire protocols, through the real SDKs; nothing of perf.llm is mocked here."""

import json

import pytest

from perf.llm import LLMConfig, LLMError, generate_summary, openai_compat
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
    # llama.cpp's server enforces a schema given beside json_object; others ignore it.
    assert body["response_format"]["type"] == "json_object"
    assert body["response_format"]["schema"]["title"] == "DraftSummary"
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


def refusal(mode, status=400):
    """What a server that does not take a response format answers (llama.cpp's wording)."""
    message = f"Unsupported response_format type: {mode}"
    return Step(status=status, raw_body=json.dumps({"error": {"message": message}}))


def sent_modes(fake_llm):
    return [r["body"].get("response_format", {}).get("type") for r in fake_llm.requests]


def test_unset_json_mode_steps_down_to_json_object_when_json_schema_is_refused(
    fake_llm, openai_config
):
    assert openai_config.openai_json_mode == ""  # OPENAI_JSON_MODE unset: detect it
    fake_llm.script(refusal("json_schema"))
    fake_llm.answer(good_answer())

    result = generate_summary(make_request(), openai_config)

    assert sent_modes(fake_llm) == ["json_schema", "json_object"]
    second = fake_llm.requests[1]["body"]
    assert second["response_format"]["schema"]["title"] == "DraftSummary"
    assert "The JSON schema of the answer" in second["messages"][0]["content"]
    assert (
        "The JSON schema of the answer"
        not in fake_llm.requests[0]["body"]["messages"][0]["content"]
    )
    assert result.goals[0].outcomes[0].entry_refs == ["E2"]
    assert openai_compat.found_mode(openai_config) == "json_object"


def test_the_mode_found_is_remembered_for_that_server(fake_llm, openai_config):
    fake_llm.script(refusal("json_schema"))
    fake_llm.answer(good_answer())
    generate_summary(make_request(), openai_config)
    fake_llm.answer(good_answer())

    generate_summary(make_request(), openai_config)

    assert sent_modes(fake_llm) == ["json_schema", "json_object", "json_object"]


def test_a_server_taking_neither_format_is_asked_in_plain_text(fake_llm, openai_config):
    fake_llm.script(refusal("json_schema"), refusal("json_object"))
    fake_llm.answer("```json\n" + json.dumps(good_answer()) + "\n```")

    result = generate_summary(make_request(), openai_config)

    assert sent_modes(fake_llm) == ["json_schema", "json_object", None]
    assert result.goals[0].title == "Reliable billing"
    assert openai_compat.found_mode(openai_config) == "none"


def test_a_refusal_as_a_server_error_steps_down_too(fake_llm, openai_config):
    # llama.cpp's server can answer an unsupported format with a 500, which the SDK
    # retries first (LLM_MAX_RETRIES) before the layer steps down.
    retries = openai_config.max_retries
    fake_llm.script(*[refusal("json_schema", status=500)] * (retries + 1))
    fake_llm.answer(good_answer())

    generate_summary(make_request(), openai_config)

    assert sent_modes(fake_llm) == ["json_schema"] * (retries + 1) + ["json_object"]


def test_a_json_mode_set_by_hand_is_kept_even_when_refused(fake_llm, openai_config):
    config = LLMConfig(**{**openai_config.__dict__, "openai_json_mode": "json_schema"})
    fake_llm.script(refusal("json_schema"))

    with pytest.raises(LLMError, match="set OPENAI_JSON_MODE to json_object or none"):
        generate_summary(make_request(), config)

    assert sent_modes(fake_llm) == ["json_schema"]
    assert openai_compat.found_mode(config) is None


def test_a_server_error_that_is_not_about_the_format_does_not_change_the_mode(
    fake_llm, openai_config
):
    fake_llm.script(*[Step(status=500, raw_body='{"error": "out of memory"}')] * 3)

    with pytest.raises(LLMError, match=r"The model server failed \(500\)"):
        generate_summary(make_request(), openai_config)

    assert set(sent_modes(fake_llm)) == {"json_schema"}


@pytest.mark.parametrize(
    ("status", "setting"),
    [(401, "Check OPENAI_API_KEY"), (404, "Check LLM_MODEL")],
)
def test_a_wrong_key_or_model_names_the_setting_to_change(fake_llm, openai_config, status, setting):
    fake_llm.script(Step(status=status, raw_body='{"error": {"message": "no"}}'))

    with pytest.raises(LLMError, match=setting):
        generate_summary(make_request(), openai_config)


def test_without_a_server_nothing_is_sent_to_the_sdks_default_cloud(monkeypatch):
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)

    with pytest.raises(LLMError, match="set OPENAI_BASE_URL"):
        generate_summary(make_request(), LLMConfig(provider="openai"))


def test_a_json_mode_refused_as_llama_cpp_refuses_it_says_which_to_set(fake_llm, openai_config):
    # llama-cpp-python's server: a 500 whose message names the field, then its own code.
    message = (
        "1 validation error:\n  {'type': 'literal_error', 'loc': ('body', 'response_format', "
        "'type'), 'msg': \"Input should be 'text' or 'json_object'\", 'input': 'json_schema'}"
        '\n\n  File "/venv/site-packages/llama_cpp/server/app.py", line 376, in create_chat'
    )
    config = LLMConfig(**{**openai_config.__dict__, "openai_json_mode": "json_schema"})
    body = json.dumps({"error": {"message": message, "type": "internal_server_error"}})
    fake_llm.script(*[Step(status=500, raw_body=body)] * (config.max_retries + 1))

    with pytest.raises(LLMError) as failed:
        generate_summary(make_request(), config)

    assert str(failed.value) == (
        "The model server does not take OPENAI_JSON_MODE=json_schema (it refused that response "
        "format, 500): set OPENAI_JSON_MODE to json_object or none, or leave it empty to detect it."
    )


def test_only_the_first_line_of_a_servers_refusal_is_shown(fake_llm, openai_config):
    body = json.dumps({"error": {"message": "bad request\n  File app.py, line 3"}})
    fake_llm.script(Step(status=422, raw_body=body))

    with pytest.raises(LLMError) as failed:
        generate_summary(make_request(), openai_config)

    assert str(failed.value) == "The model server refused the request (422): bad request"
