"""The LLM layer's configuration, built from the settings (which read the environment)."""

from django.conf import settings

from .base import LLMConfig


def llm_config() -> LLMConfig:
    return LLMConfig(
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
