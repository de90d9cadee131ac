"""No Docker engine runs here, so these keep the Dockerfile and compose file honest."""

import importlib
import json
import re
import shlex
from urllib.parse import urlsplit

import pytest
import yaml
from django.conf import settings
from django.core.management import get_commands

from perf.llm.base import LLMConfig
from perf.llm.budget import DEFAULT_BUDGET

BASE_DIR = settings.BASE_DIR


def compose():
    return yaml.safe_load((BASE_DIR / "docker-compose.yml").read_text())


def check_command(command: str):
    """Every step of a shell command line must be something this project can run."""
    for step in re.split(r"\s*&&\s*", command):
        words = shlex.split(step)
        if words[0] == "exec":
            words = words[1:]
        if words[:2] == ["python", "manage.py"]:
            assert words[2] in get_commands(), f"manage.py has no command {words[2]!r}"
        elif words[0] == "gunicorn":
            module, _, attribute = words[1].partition(":")
            assert hasattr(importlib.import_module(module), attribute or "application")
        else:
            pytest.fail(f"unexpected command in the compose file: {step!r}")


def shell_command(service) -> str:
    command = service["command"]
    return shlex.split(command)[2] if command.startswith("sh -c ") else command


def test_compose_has_postgres_17_with_a_named_volume_and_a_healthcheck():
    db = compose()["services"]["db"]

    assert db["image"] == "postgres:17"
    assert "pg_isready" in " ".join(db["healthcheck"]["test"])
    volume = db["volumes"][0].split(":")[0]
    assert volume in compose()["volumes"]


def test_web_migrates_then_serves_once_the_database_is_healthy():
    web = compose()["services"]["web"]
    steps = re.split(r"\s*&&\s*", shell_command(web))

    assert steps[0].startswith("python manage.py migrate")
    assert steps[-1] == "exec gunicorn perfassist.wsgi"  # workers and port: gunicorn.conf.py
    check_command(shell_command(web))
    assert web["depends_on"]["db"]["condition"] == "service_healthy"
    assert web["environment"]["DATABASE_URL"].startswith("postgres://perfassist:")


def test_the_worker_runs_the_task_queue_once_web_has_migrated():
    services = compose()["services"]
    worker = services["worker"]

    assert shell_command(worker) == "python manage.py run_worker --queue-name '*'"
    check_command(shell_command(worker))
    assert worker["depends_on"]["web"]["condition"] == "service_healthy"
    assert worker["healthcheck"] == {"disable": True}  # no web server in it to ask


# Services that do one job and exit: restarting them would repeat the job for ever.
ONE_SHOTS = {"ollama-pull": "downloads the local model, then exits"}


def test_every_service_is_restarted_when_it_dies():
    # A worker that dies anyway (or a database that restarts) comes back by itself.
    for name, service in compose()["services"].items():
        expected = "no" if name in ONE_SHOTS else "unless-stopped"
        assert service.get("restart") == expected, name
    assert set(ONE_SHOTS) <= set(compose()["services"])


def test_web_and_worker_share_one_env_file_database_and_data_volume():
    services = compose()["services"]
    web, worker = services["web"], services["worker"]

    for key in ("env_file", "environment", "volumes", "build"):
        assert web[key] == worker[key], key
    assert web["env_file"] == [{"path": ".env", "required": False}]
    # Everything else comes from .env; these two point at the local-ai profile's Ollama.
    assert set(web["environment"]) == {"DATABASE_URL", "LOCAL_AI_URL", "LOCAL_MODEL"}


LOCAL_AI = ("ollama", "ollama-pull")


def test_the_local_ai_services_start_only_with_their_profile():
    for name, service in compose()["services"].items():
        assert service.get("profiles") == (["local-ai"] if name in LOCAL_AI else None), name
    assert set(LOCAL_AI) <= set(compose()["services"])


def test_ollama_keeps_its_models_in_a_named_volume_and_publishes_no_port():
    ollama = compose()["services"]["ollama"]

    assert ollama["volumes"] == ["ollama-models:/root/.ollama"]
    assert "ollama-models" in compose()["volumes"]
    # Only web and worker reach it, on the compose network: nothing else leaves the machine.
    assert "ports" not in ollama
    assert ollama.get("network_mode") is None


def test_both_ollama_services_run_one_pinned_release_of_the_image():
    services = compose()["services"]
    images = {services[name]["image"] for name in LOCAL_AI}

    assert len(images) == 1
    assert re.fullmatch(r"ollama/ollama:\d+\.\d+\.\d+", images.pop())


def test_ollamas_context_holds_the_largest_prompt_and_an_answer():
    environment = compose()["services"]["ollama"]["environment"]

    longest_answer = LLMConfig().max_output_tokens

    assert environment["OLLAMA_CONTEXT_LENGTH"] == "16384"
    assert int(environment["OLLAMA_CONTEXT_LENGTH"]) >= DEFAULT_BUDGET["openai"] + longest_answer
    assert environment["OLLAMA_NUM_PARALLEL"] == "1"
    assert environment["OLLAMA_KEEP_ALIVE"] == "30m"


def test_ollama_is_healthy_once_its_own_cli_lists_the_models():
    ollama = compose()["services"]["ollama"]

    assert ollama["healthcheck"]["test"] == ["CMD", "ollama", "list"]
    assert ollama["restart"] == "unless-stopped"


def test_the_pull_downloads_the_apps_local_model_once_ollama_is_healthy():
    services = compose()["services"]
    pull = services["ollama-pull"]

    assert pull["command"] == ["pull", "${LOCAL_MODEL:-qwen2.5:3b}"]
    # The model compose pulls is the one the app asks for, by the same variable and default.
    assert services["web"]["environment"]["LOCAL_MODEL"] == "${LOCAL_MODEL:-qwen2.5:3b}"
    assert pull["environment"] == {"OLLAMA_HOST": "http://ollama:11434"}
    assert pull["depends_on"] == {"ollama": {"condition": "service_healthy"}}


def test_the_compose_default_model_is_the_settings_default():
    source = (BASE_DIR / "perfassist" / "settings.py").read_text()
    default = re.search(r'env\.str\("LOCAL_MODEL", default="([^"]+)"\)', source)

    assert default, "perfassist/settings.py reads no LOCAL_MODEL"
    services = compose()["services"]
    variable = f"${{LOCAL_MODEL:-{default.group(1)}}}"
    assert services["ollama-pull"]["command"] == ["pull", variable]
    assert services["worker"]["environment"]["LOCAL_MODEL"] == variable


def test_web_and_worker_are_pointed_at_ollamas_openai_api_without_waiting_for_it():
    services = compose()["services"]

    for name in ("web", "worker"):
        url = urlsplit(services[name]["environment"]["LOCAL_AI_URL"])
        assert (url.scheme, url.hostname, url.port, url.path) == ("http", "ollama", 11434, "/v1")
        assert url.hostname in services
        # Web comes up without the profile, and while a model is still downloading.
        assert "ollama" not in services[name]["depends_on"], name


def test_the_example_env_file_names_the_compose_password():
    example = (BASE_DIR / ".env.example").read_text()
    assert "POSTGRES_PASSWORD=" in example


def dockerfile_stages():
    dockerfile = (BASE_DIR / "Dockerfile").read_text()
    return re.split(r"^(?=FROM )", dockerfile, flags=re.M)[1:]


def test_the_dockerfile_builds_in_two_stages_and_runs_as_a_non_root_user():
    build, final = dockerfile_stages()

    assert build.startswith("FROM python:3.13-slim AS build")
    assert "pip install -r /tmp/requirements.txt" in build
    assert final.startswith("FROM python:3.13-slim\n")
    assert "COPY --from=build /venv /venv" in final
    assert "pip install" not in final
    assert re.search(r"^USER (?!root)\w+", final, re.M)


def test_the_image_collects_static_files_and_serves_with_the_gunicorn_config():
    final = dockerfile_stages()[-1]

    for command in re.findall(r"^RUN .*?python (manage\.py \w+)", final, re.M):
        assert command.split()[1] in get_commands()
    assert "manage.py collectstatic" in final
    cmd = json.loads(re.search(r"^CMD (.+)$", final, re.M).group(1))
    assert cmd == ["gunicorn", "perfassist.wsgi"]
    check_command(shlex.join(cmd))
    assert (BASE_DIR / "gunicorn.conf.py").exists()


def test_the_image_has_a_healthcheck_that_asks_healthz():
    final = dockerfile_stages()[-1]
    healthcheck = re.search(r"^HEALTHCHECK (.+?)CMD (\[.+?\])$", final, re.M | re.S)

    assert healthcheck, "the image has no HEALTHCHECK"
    command = json.loads(healthcheck.group(2))
    assert command == ["python", "scripts/healthcheck.py"]
    assert "/healthz" in (BASE_DIR / "scripts" / "healthcheck.py").read_text()


def gunicorn_settings(env):
    namespace = {}
    source = (BASE_DIR / "gunicorn.conf.py").read_text()
    with pytest.MonkeyPatch.context() as patch:
        for name, value in env.items():
            patch.setenv(name, value)
        exec(compile(source, "gunicorn.conf.py", "exec"), namespace)
    return namespace


def test_gunicorn_takes_workers_port_and_timeout_from_the_environment():
    defaults = gunicorn_settings({})
    assert (defaults["workers"], defaults["bind"], defaults["timeout"]) == (
        2,
        ["0.0.0.0:8000"],
        150,
    )

    tuned = gunicorn_settings({"GUNICORN_WORKERS": "5", "PORT": "9000", "GUNICORN_TIMEOUT": "60"})
    assert (tuned["workers"], tuned["bind"], tuned["timeout"]) == (5, ["0.0.0.0:9000"], 60)


def test_gunicorn_workers_are_threaded_so_a_waiting_request_holds_one_thread_only():
    defaults = gunicorn_settings({})
    assert (defaults["worker_class"], defaults["threads"]) == ("gthread", 4)
    assert gunicorn_settings({"GUNICORN_THREADS": "8"})["threads"] == 8


def test_every_setting_read_from_the_environment_is_documented():
    source = (BASE_DIR / "perfassist" / "settings.py").read_text()
    readme = (BASE_DIR / "README.md").read_text()
    example = (BASE_DIR / ".env.example").read_text()
    names = set(re.findall(r'env(?:\.\w+)?\("([A-Z_]+)"', source))
    gunicorn = (BASE_DIR / "gunicorn.conf.py").read_text()
    names |= set(re.findall(r"os\.environ\.get\(['\"]([A-Z_]+)['\"]", gunicorn))

    assert {"DATABASE_URL", "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "TIME_ZONE"} <= names
    for name in names:
        assert f"`{name}`" in readme, f"{name} is missing from the README's table"
        assert f"{name}=" in example, f"{name} is missing from .env.example"
