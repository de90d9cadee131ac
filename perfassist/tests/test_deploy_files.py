"""No Docker engine runs here, so these keep the Dockerfile and compose file honest."""

import importlib
import json
import re
import shlex

import pytest
import yaml
from django.conf import settings
from django.core.management import get_commands

BASE_DIR = settings.BASE_DIR


def compose():
    return yaml.safe_load((BASE_DIR / "docker-compose.yml").read_text())


def check_command(command: str):
    """Every step of a shell command line must be something this project can run."""
    for step in re.split(r"\s*&&\s*", command):
        words = shlex.split(step)
        if words[:2] == ["python", "manage.py"]:
            assert words[2] in get_commands(), f"manage.py has no command {words[2]!r}"
        elif words[0] == "gunicorn":
            module, _, attribute = words[1].partition(":")
            assert hasattr(importlib.import_module(module), attribute or "application")
        else:
            pytest.fail(f"unexpected command in the compose file: {step!r}")


def test_compose_has_web_and_postgres_with_a_volume_and_a_healthcheck():
    services = compose()["services"]

    assert services["db"]["image"].startswith("postgres:")
    assert "healthcheck" in services["db"]
    volume = services["db"]["volumes"][0].split(":")[0]
    assert volume in compose()["volumes"]
    assert services["web"]["depends_on"]["db"]["condition"] == "service_healthy"
    assert services["web"]["environment"]["DATABASE_URL"].startswith("postgres://")


def test_every_command_the_compose_file_runs_exists():
    web = compose()["services"]["web"]
    command = web["command"]
    assert command.startswith('sh -c "') or command.startswith("sh -c ")
    inner = shlex.split(command)[2]
    assert "migrate" in inner
    check_command(inner)


def test_the_worker_runs_the_task_queue_of_the_settings():
    worker = compose()["services"]["worker"]
    inner = shlex.split(worker["command"])[2]
    commands = re.findall(r"python manage\.py (\w+)", inner)

    assert commands == ["migrate", "db_worker"]
    assert set(commands) <= set(get_commands())
    assert (
        worker["environment"]["DATABASE_URL"]
        == compose()["services"]["web"]["environment"]["DATABASE_URL"]
    )
    assert worker["volumes"] == compose()["services"]["web"]["volumes"]


def test_the_dockerfile_runs_gunicorn_as_a_non_root_user_with_static_collected():
    dockerfile = (BASE_DIR / "Dockerfile").read_text()

    assert dockerfile.startswith("FROM python:3.13-slim")
    assert re.search(r"^USER (?!root)\w+", dockerfile, re.M)
    assert "collectstatic" in dockerfile
    cmd = re.search(r"^CMD (.+)$", dockerfile, re.M).group(1)
    check_command(shlex.join(json.loads(cmd)))
    for line in re.findall(r"^RUN .*manage\.py (\w+)", dockerfile, re.M):
        assert line in get_commands()


def test_every_setting_read_from_the_environment_is_documented():
    source = (BASE_DIR / "perfassist" / "settings.py").read_text()
    readme = (BASE_DIR / "README.md").read_text()
    example = (BASE_DIR / ".env.example").read_text()
    names = set(re.findall(r'env(?:\.\w+)?\("([A-Z_]+)"', source))

    assert {"DATABASE_URL", "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "TIME_ZONE"} <= names
    for name in names:
        assert f"`{name}`" in readme, f"{name} is missing from the README's table"
        assert f"{name}=" in example, f"{name} is missing from .env.example"
