"""Compose's local-ai profile: with nothing else configured, summaries go to its Ollama
(LOCAL_AI_URL, LOCAL_MODEL) while that service exists, which is when its host name
resolves; without the profile, nothing changes. And `check_llm`, from the shell."""

import json
import os
import socket
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.core.management import CommandError, call_command

from perf.llm.config import described_settings, llm_config

from .fake_llm import Step

NO_SUCH_HOST = "http://ollama.invalid:11434/v1"


@pytest.fixture
def local_ai(settings, fake_llm, monkeypatch):
    """The profile's service, here: the name `ollama` resolving, as compose's DNS resolves
    it, to a private address (the fake model's)."""
    real_getaddrinfo = socket.getaddrinfo

    def compose_dns(host, *args, **kwargs):
        return real_getaddrinfo(
            "127.0.0.1" if host in ("ollama", "ollama.") else host, *args, **kwargs
        )

    monkeypatch.setattr(socket, "getaddrinfo", compose_dns)
    port = fake_llm.url.rsplit(":", 1)[1]
    settings.LOCAL_AI_URL = f"http://ollama:{port}/v1"
    settings.LOCAL_MODEL = "qwen2.5:3b"
    for name in ("LLM_TIMEOUT", "LLM_CONCURRENCY", "LLM_MODEL", "LOCAL_MODEL"):
        monkeypatch.delenv(name, raising=False)
    return fake_llm


def test_the_running_local_ai_service_is_used_when_nothing_else_is_set(local_ai):
    config = llm_config()

    assert (config.resolved_provider(), config.model) == ("openai", "qwen2.5:3b")
    assert config.openai_base_url == django_settings.LOCAL_AI_URL
    # A local model, often on a CPU, one answer at a time: time for it, and no queue.
    assert (config.timeout, config.concurrency) == (600.0, 1)
    rows = {row.name: (row.value, row.source) for row in described_settings(config)}
    assert rows["LOCAL_AI_URL"] == (django_settings.LOCAL_AI_URL, "local-ai")
    assert rows["LOCAL_MODEL"] == ("qwen2.5:3b", "default")
    assert rows["LLM_TIMEOUT"] == ("600", "local-ai")


def test_timeouts_set_by_the_user_win_over_the_local_ai_defaults(local_ai, settings, monkeypatch):
    monkeypatch.setenv("LLM_TIMEOUT", "90")
    settings.LLM_TIMEOUT = 90.0

    assert llm_config().timeout == 90.0


def test_without_the_profile_nothing_changes(settings):
    settings.LOCAL_AI_URL = NO_SUCH_HOST  # compose sets it, but no ollama container runs

    assert llm_config().resolved_provider() == "offline"


@pytest.mark.parametrize(
    ("overrides", "provider"),
    [
        ({"ANTHROPIC_API_KEY": "sk-ant"}, "anthropic"),
        ({"LLM_PROVIDER": "offline"}, "offline"),
        ({"OPENAI_BASE_URL": "http://vllm.example:8000/v1"}, "openai"),
    ],
)
def test_what_the_user_configured_wins_over_the_local_ai_service(
    local_ai, settings, overrides, provider
):
    for name, value in overrides.items():
        setattr(settings, name, value)

    config = llm_config()

    assert config.resolved_provider() == provider
    assert config.openai_base_url != settings.LOCAL_AI_URL


def test_a_summary_of_the_local_model_is_written_through_it(local_ai, user):
    from conftest import make_entry
    from perf.services.summaries import create_summary, run_summary

    fact = make_entry(user, text="Shipped the exporter")
    answer = {
        "summary_text": "A month of export work.",
        "goals": [
            {
                "goal_ref": None,
                "title": "Exports",
                "context": "",
                "context_refs": [],
                "outputs": [{"text": "Shipped the exporter", "refs": ["E1"]}],
                "outcomes": [],
            }
        ],
    }
    local_ai.answer(answer)
    summary = create_summary(user, start=fact.date, end=fact.date)

    run_summary(summary)

    summary.refresh_from_db()
    assert (summary.status, summary.provider, summary.model) == ("done", "openai", "qwen2.5:3b")
    assert local_ai.requests[0]["path"] == "/v1/chat/completions"


def test_check_llm_without_a_model_says_there_is_nothing_to_test(capsys):
    call_command("check_llm")

    assert "No model is configured" in capsys.readouterr().out


def test_check_llm_shows_the_settings_and_the_answer(settings, fake_llm, capsys):
    settings.LLM_PROVIDER, settings.OPENAI_BASE_URL = "openai", fake_llm.url + "/v1"
    fake_llm.answer({"reply": "OK"})

    call_command("check_llm")

    out = capsys.readouterr().out
    assert f"OPENAI_BASE_URL      {fake_llm.url}/v1" in out
    assert "It works: llama3.1 answered in" in out
    assert "JSON mode: json_schema; fits the schema: yes" in out


def test_check_llm_fails_with_the_reason_a_summary_would_give(settings, fake_llm):
    settings.LLM_PROVIDER, settings.OPENAI_BASE_URL = "openai", fake_llm.url + "/v1"
    settings.LLM_MAX_RETRIES = 0
    fake_llm.script(Step(status=404, raw_body='{"error": {"message": "model not found"}}'))

    with pytest.raises(CommandError, match="has no model llama3.1.*Check LLM_MODEL"):
        call_command("check_llm")


@pytest.mark.parametrize(
    ("step", "reason"),
    [
        (Step(status=401, raw_body='{"error": {"message": "no"}}'), "Check OPENAI_API_KEY."),
        (Step(text='{"reply": "OK"}', delay=2), "did not answer within 0.5 s"),
    ],
)
def test_check_llm_from_the_shell_exits_non_zero_without_a_traceback(fake_llm, step, reason):
    fake_llm.script(step)
    env = {
        **os.environ,
        "LLM_PROVIDER": "openai",
        "OPENAI_BASE_URL": fake_llm.url + "/v1",
        "LLM_TIMEOUT": "0.5",
        "LLM_MAX_RETRIES": "0",
    }

    done = subprocess.run(
        [sys.executable, "manage.py", "check_llm"],
        cwd=django_settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip

    assert done.returncode == 1
    assert reason in done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert "LLM_TIMEOUT          0.5  (environment)" in done.stdout


def test_check_llm_reports_the_json_mode_it_found(settings, fake_llm, capsys):
    settings.LLM_PROVIDER, settings.OPENAI_BASE_URL = "openai", fake_llm.url + "/v1"
    refusal = {"error": {"message": "response_format json_schema is not supported"}}
    fake_llm.script(Step(status=400, raw_body=json.dumps(refusal)))
    fake_llm.answer({"reply": "OK"})

    call_command("check_llm")

    assert "JSON mode: json_object; fits the schema: yes" in capsys.readouterr().out


def test_openai_named_without_a_server_stops_the_app_under_compose_too(settings):
    # LOCAL_AI_URL is for auto, which asks it only while it runs: LLM_PROVIDER=openai with
    # no OPENAI_BASE_URL would send the journal wherever the name `ollama` leads.
    from django.core.management.base import SystemCheckError

    settings.LLM_PROVIDER, settings.LOCAL_AI_URL = "openai", NO_SUCH_HOST

    with pytest.raises(SystemCheckError, match="LLM_PROVIDER is openai but OPENAI_BASE_URL"):
        call_command("check")


def test_on_the_local_ai_route_a_missing_model_says_it_may_still_be_downloading(local_ai):
    from perf.llm import LLMError, generate_summary

    from .conftest import make_request

    local_ai.script(*[Step(status=404, raw_body='{"error": {"message": "not found"}}')] * 3)

    with pytest.raises(LLMError, match=r"still be downloading .*or LOCAL_MODEL names a model"):
        generate_summary(make_request(), llm_config())


def test_a_local_ai_name_that_resolves_outside_this_network_is_not_used(settings, monkeypatch):
    # A resolver that answers every name (or a LAN host of that name) must not draw the
    # journal off the machine.
    settings.LOCAL_AI_URL = "http://ollama:11434/v1"
    monkeypatch.setattr(
        socket, "getaddrinfo", lambda host, port: [(2, 1, 6, "", ("93.184.216.34", 0))]
    )

    assert llm_config().resolved_provider() == "offline"
