from django.conf import settings
from django.core import checks

PROVIDERS = {"auto", "anthropic", "openai", "offline"}
JSON_MODES = {"", "auto", "json_schema", "json_object", "none"}


@checks.register()
def check_llm_settings(app_configs, **kwargs):
    """Refuse to start with an LLM configuration that could only fail later."""
    errors = []
    if settings.LLM_PROVIDER not in PROVIDERS:
        errors.append(
            checks.Error(
                f"LLM_PROVIDER is {settings.LLM_PROVIDER!r}.",
                hint="Use one of: " + ", ".join(sorted(PROVIDERS)) + ".",
                id="perf.E001",
            )
        )
    if settings.OPENAI_JSON_MODE not in JSON_MODES:
        errors.append(
            checks.Error(
                f"OPENAI_JSON_MODE is {settings.OPENAI_JSON_MODE!r}.",
                hint="Use one of: json_schema, json_object, none, or leave it empty to detect it.",
                id="perf.E002",
            )
        )
    if settings.LLM_PROVIDER == "anthropic" and not settings.ANTHROPIC_API_KEY:
        errors.append(
            checks.Error(
                "LLM_PROVIDER is anthropic but ANTHROPIC_API_KEY is empty.",
                hint="Set ANTHROPIC_API_KEY, or LLM_PROVIDER=auto for the offline draft.",
                id="perf.E003",
            )
        )
    # Compose's local-ai server is for LLM_PROVIDER=auto, which asks it only while it runs.
    if settings.LLM_PROVIDER == "openai" and not settings.OPENAI_BASE_URL:
        errors.append(
            checks.Error(
                "LLM_PROVIDER is openai but OPENAI_BASE_URL is empty.",
                hint="Set OPENAI_BASE_URL to your server, e.g. http://localhost:11434/v1 (Ollama).",
                id="perf.E004",
            )
        )
    if settings.LLM_TIMEOUT <= 0 or settings.LLM_MAX_RETRIES < 0:
        errors.append(
            checks.Error(
                "LLM_TIMEOUT must be positive and LLM_MAX_RETRIES zero or more.",
                id="perf.E005",
            )
        )
    return errors
