import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from perf.llm.config import llm_config


def test_defaults_give_the_offline_draft():
    assert llm_config().resolved_provider() == "offline"


def test_the_settings_reach_the_llm_layer(settings):
    settings.ANTHROPIC_API_KEY = "sk-test"
    settings.LLM_MODEL = "claude-haiku-5-5"
    settings.LLM_TIMEOUT = 30.0

    config = llm_config()

    assert (config.resolved_provider(), config.model, config.timeout) == (
        "anthropic",
        "claude-haiku-5-5",
        30.0,
    )


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"LLM_PROVIDER": "gpt"}, "LLM_PROVIDER is 'gpt'."),
        ({"OPENAI_JSON_MODE": "xml"}, "OPENAI_JSON_MODE is 'xml'."),
        (
            {"LLM_PROVIDER": "anthropic"},
            "LLM_PROVIDER is anthropic but ANTHROPIC_API_KEY is empty.",
        ),
        ({"LLM_PROVIDER": "openai"}, "LLM_PROVIDER is openai but OPENAI_BASE_URL is empty."),
        ({"LLM_TIMEOUT": 0}, "LLM_TIMEOUT must be positive"),
    ],
)
@pytest.mark.django_db
def test_bad_llm_settings_stop_the_app_with_a_clear_error(settings, overrides, message):
    for name, value in overrides.items():
        setattr(settings, name, value)

    with pytest.raises(SystemCheckError, match=message.replace(".", r"\.")):
        call_command("check")
