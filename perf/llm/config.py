"""The LLM layer's configuration, built from the settings (which read the environment),
and where each of its values came from, for the LLM settings page and `check_llm`."""

import dataclasses
import ipaddress
import os
import socket
import time
import urllib.parse

from django.conf import settings

from . import anthropic, openai_compat
from .base import LLMConfig
from .budget import input_budget

# How long a process trusts its answer to "does the local-ai profile's service run?".
LOCAL_AI_RECHECK_SECONDS = 30.0
# The local-ai profile's model runs on this machine, often on its CPU, one answer at a time
# (Ollama's OLLAMA_NUM_PARALLEL=1 there): unless LLM_TIMEOUT and LLM_CONCURRENCY are set,
# it gets the time a 3B model needs for a month's summary on a CPU, and no queue of weeks
# waiting out their timeouts behind each other.
LOCAL_AI_DEFAULTS = {"LLM_TIMEOUT": ("timeout", 600.0), "LLM_CONCURRENCY": ("concurrency", 1)}
_local_ai_seen: dict[str, tuple[float, bool]] = {}


def llm_config() -> LLMConfig:
    config = LLMConfig(
        provider=settings.LLM_PROVIDER,
        model=settings.LLM_MODEL,
        timeout=settings.LLM_TIMEOUT,
        max_retries=settings.LLM_MAX_RETRIES,
        anthropic_api_key=settings.ANTHROPIC_API_KEY,
        openai_base_url=settings.OPENAI_BASE_URL,
        openai_api_key=settings.OPENAI_API_KEY,
        openai_json_mode=settings.OPENAI_JSON_MODE,
        input_budget=settings.LLM_INPUT_BUDGET,
        concurrency=settings.LLM_CONCURRENCY,
    )
    if uses_local_ai():
        unset = {
            field: value
            for name, (field, value) in LOCAL_AI_DEFAULTS.items()
            if _source(name) == "default"
        }
        config = dataclasses.replace(
            config,
            provider="openai",
            openai_base_url=settings.LOCAL_AI_URL,
            model=settings.LLM_MODEL or settings.LOCAL_MODEL,
            server_setting="LOCAL_AI_URL",
            model_setting="LLM_MODEL" if settings.LLM_MODEL else "LOCAL_MODEL",
            **unset,
        )
    return config


def _source(name: str) -> str:
    if os.environ.get(name, "") == "":
        return "default"
    return ".env" if name in settings.ENV_FILE_NAMES else "environment"


def uses_local_ai() -> bool:
    """Whether the app asks compose's local-ai profile (LOCAL_AI_URL): under
    LLM_PROVIDER=auto with nothing else configured, and only while that service runs, which
    is when its name resolves, to a private address, on compose's network. Without the
    profile, nothing changes."""
    if not settings.LOCAL_AI_URL or settings.OPENAI_BASE_URL:
        return False
    if settings.LLM_PROVIDER != "auto" or settings.ANTHROPIC_API_KEY:
        return False
    return _runs_here(urllib.parse.urlsplit(settings.LOCAL_AI_URL).hostname or "")


def _runs_here(host: str) -> bool:
    """Whether `host` names a machine of this network. Asked as an absolute name (a
    trailing dot), so that no search domain turns `ollama` into some LAN's
    `ollama.corp.example`; and every address must be private (a compose network's), so
    that a resolver answering every name cannot draw the journal elsewhere."""
    if not host:
        return False
    now = time.monotonic()
    seen = _local_ai_seen.get(host)
    if seen and now - seen[0] < LOCAL_AI_RECHECK_SECONDS:
        return seen[1]
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host.rstrip(".") + ".", None)}
        found = bool(addresses) and all(_private(a) for a in addresses)
    except (OSError, UnicodeError, ValueError):
        found = False
    _local_ai_seen[host] = (now, found)
    return found


def _private(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%")[0])
    return ip.is_private or ip.is_loopback


def model_in_use(config: LLMConfig) -> str:
    """The model a chat provider asks (its default unless LLM_MODEL names one); "" offline."""
    provider = config.resolved_provider()
    if provider == "anthropic":
        return config.model or anthropic.DEFAULT_MODEL
    if provider == "openai":
        return config.model or openai_compat.DEFAULT_MODEL
    return ""


def server_in_use(config: LLMConfig) -> str:
    """The OpenAI-compatible server's base URL; "" for the other providers."""
    return openai_compat.base_url(config) if config.resolved_provider() == "openai" else ""


def json_mode_is_set(config: LLMConfig) -> bool:
    """Whether OPENAI_JSON_MODE names the mode, rather than leaving it to be detected."""
    return config.openai_json_mode in openai_compat.JSON_MODES


def found_json_mode(config: LLMConfig) -> str | None:
    """The JSON mode this process found its OpenAI-compatible server to take, if any yet."""
    return openai_compat.found_mode(config)


@dataclasses.dataclass(frozen=True)
class Setting:
    """One value the LLM layer uses, and the variable that sets it."""

    name: str
    value: str
    # "environment", ".env", "default", "local-ai" or "auto" (LLM_PROVIDER's choice)
    source: str


def described_settings(config: LLMConfig) -> list[Setting]:
    """Provider, model, server, key, JSON mode, budget and timeouts as `config` uses them.
    A key shows only whether it is set, and its last four characters."""
    provider = config.resolved_provider()
    local = provider == "openai" and config.local_ai

    def source(name):
        if local and name in LOCAL_AI_DEFAULTS and _source(name) == "default":
            return "local-ai"
        return _source(name)

    chosen = "auto" if settings.LLM_PROVIDER == "auto" else source("LLM_PROVIDER")
    rows = [Setting("LLM_PROVIDER", provider, chosen)]
    if provider == "offline":
        return rows
    model = config.model_setting if provider == "openai" else "LLM_MODEL"
    rows.append(Setting(model, model_in_use(config), source(model)))
    if provider == "openai":
        server = config.server_setting
        rows += [
            Setting(
                server, openai_compat.base_url(config), "local-ai" if local else source(server)
            ),
            Setting("OPENAI_API_KEY", _masked(config.openai_api_key), source("OPENAI_API_KEY")),
            Setting(
                "OPENAI_JSON_MODE", config.openai_json_mode or "auto", source("OPENAI_JSON_MODE")
            ),
        ]
    else:
        if os.environ.get("ANTHROPIC_BASE_URL"):
            rows.append(
                Setting(
                    "ANTHROPIC_BASE_URL",
                    os.environ["ANTHROPIC_BASE_URL"],
                    source("ANTHROPIC_BASE_URL"),
                )
            )
        rows.append(
            Setting(
                "ANTHROPIC_API_KEY", _masked(config.anthropic_api_key), source("ANTHROPIC_API_KEY")
            )
        )
    rows += [
        Setting("LLM_INPUT_BUDGET", str(input_budget(config)), source("LLM_INPUT_BUDGET")),
        Setting("LLM_TIMEOUT", f"{config.timeout:g}", source("LLM_TIMEOUT")),
        Setting("LLM_MAX_RETRIES", str(config.max_retries), source("LLM_MAX_RETRIES")),
        Setting("LLM_CONCURRENCY", str(config.concurrency), source("LLM_CONCURRENCY")),
    ]
    return rows


def _masked(key: str) -> str:
    """A key as the page shows it: its last four characters behind dots, or only dots
    when it is short; empty when no key is set."""
    if not key:
        return ""
    return "••••" + key[-4:] if len(key) >= 12 else "••••"
