"""When a model's server fails: passing failures are retried by the SDK, lasting ones,
timeouts, unknown providers and cut-off answers end with a readable reason in the active
language. Against a local server speaking the real wire protocols, through the real SDKs;
nothing of perf.llm is mocked here."""

import pytest

from perf.llm import LLMConfig, LLMError, generate_summary

from .conftest import good_answer, make_request
from .fake_llm import Step


@pytest.mark.parametrize("status", [429, 529, 500])
def test_a_passing_failure_is_retried_by_the_sdk(fake_llm, anthropic_config, status):
    fake_llm.script(Step(status=status))
    fake_llm.answer(good_answer())

    result = generate_summary(make_request(), anthropic_config)

    assert len(fake_llm.requests) == 2
    assert result.goals[0].title == "Reliable billing"


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (
            500,
            "Anthropic failed with a server error (500), also after retrying (LLM_MAX_RETRIES=2)",
        ),
        (529, "Anthropic is overloaded (529), also after retrying (LLM_MAX_RETRIES=2)"),
        (429, "Anthropic is rate-limiting requests (429), also after retrying (LLM_MAX_RETRIES=2)"),
        (401, "Anthropic refused the API key (401). Check ANTHROPIC_API_KEY."),
    ],
)
def test_a_lasting_failure_ends_with_a_readable_reason(fake_llm, anthropic_config, status, message):
    fake_llm.script(*[Step(status=status)] * 3)

    with pytest.raises(LLMError, match=message.replace("(", r"\(").replace(")", r"\)")):
        generate_summary(make_request(), anthropic_config)


def test_a_timeout_ends_with_a_readable_reason(fake_llm, monkeypatch):
    monkeypatch.setenv("ANTHROPIC_BASE_URL", fake_llm.url)
    config = LLMConfig(provider="anthropic", anthropic_api_key="k", timeout=0.3, max_retries=1)
    fake_llm.script(Step(delay=1.5, text="{}"), Step(delay=1.5, text="{}"))

    with pytest.raises(LLMError) as failed:
        generate_summary(make_request(), config)

    assert str(failed.value) == (
        "The model did not answer within 0.3 s (LLM_TIMEOUT) on any of 2 tries "
        "(LLM_MAX_RETRIES=1). Try again, or raise LLM_TIMEOUT."
    )


def test_openai_retries_then_succeeds(fake_llm, openai_config):
    fake_llm.script(Step(status=429), Step(status=503))
    fake_llm.answer(good_answer())

    assert generate_summary(make_request(), openai_config).goals
    assert len(fake_llm.requests) == 3


def test_an_unknown_provider_is_a_clear_error():
    with pytest.raises(LLMError, match="Unknown LLM_PROVIDER 'gpt'"):
        generate_summary(make_request(), LLMConfig(provider="gpt"))


def test_the_reason_speaks_the_active_language(fake_llm, anthropic_config):
    from django.utils import translation

    fake_llm.script(Step(status=401))

    with translation.override("ru"), pytest.raises(LLMError, match="не принял ключ API"):
        generate_summary(make_request(), anthropic_config)


@pytest.mark.parametrize("provider", ["anthropic", "openai"])
def test_an_answer_cut_off_at_max_tokens_says_so(
    fake_llm, anthropic_config, openai_config, provider
):
    config = anthropic_config if provider == "anthropic" else openai_config
    fake_llm.answer('{"summary_text": "half', stop_reason="max_tokens")

    # A four-entry request may take 1,000 tokens, not the 8,000 of a half-year.
    with pytest.raises(LLMError, match="cut off at 1000 tokens"):
        generate_summary(make_request(), config)

    assert len(fake_llm.requests) == 1  # no repair attempt on a truncated answer
