from django.conf import settings

from .llm import LLMConfig


def llm_config() -> LLMConfig:
    """The LLM layer's configuration, from the settings (which read the environment)."""
    return LLMConfig(
        provider=settings.LLM_PROVIDER,
        model=settings.LLM_MODEL,
        timeout=settings.LLM_TIMEOUT,
        max_retries=settings.LLM_MAX_RETRIES,
        anthropic_api_key=settings.ANTHROPIC_API_KEY,
        openai_base_url=settings.OPENAI_BASE_URL,
        openai_api_key=settings.OPENAI_API_KEY,
        openai_json_mode=settings.OPENAI_JSON_MODE,
    )
