"""Anthropic's Messages API through the official SDK, with structured output."""

import logging

import anthropic
import pydantic
from django.utils.translation import gettext as _

from .base import LLMConfig, LLMError
from .prompts import system_prompt, user_prompt
from .schemas import DraftSummary, SummaryRequest

logger = logging.getLogger(__name__)

DEFAULT_MODEL = "claude-sonnet-5-5"

REPAIR = {
    "en": "Your previous answer did not match the required JSON schema ({error}). "
    "Answer again with only the JSON object.",
    "ru": "Предыдущий ответ не соответствовал требуемой JSON-схеме ({error}). "
    "Ответь ещё раз только JSON-объектом.",
}


def draft_summary(request: SummaryRequest, config: LLMConfig):
    """Return (DraftSummary, model, input_tokens, output_tokens); raise LLMError."""
    model = config.model or DEFAULT_MODEL
    client = anthropic.Anthropic(
        api_key=config.anthropic_api_key or None,
        timeout=config.timeout,
        max_retries=config.max_retries,
    )
    messages = [{"role": "user", "content": user_prompt(request)}]
    input_tokens = output_tokens = 0
    for attempt in (1, 2):  # one repair attempt for a malformed answer
        try:
            # create() rather than parse(): a malformed answer must stay readable for the
            # repair attempt, and its tokens counted.
            response = client.messages.create(
                model=model,
                max_tokens=config.max_output_tokens,
                system=system_prompt(request),
                messages=messages,
                output_config={"format": _json_schema_format()},
            )
        except anthropic.APIError as error:
            raise LLMError(_explain(error, config)) from error
        input_tokens += response.usage.input_tokens
        output_tokens += response.usage.output_tokens
        if response.stop_reason in ("max_tokens", "refusal"):
            raise LLMError(stopped_early(response.stop_reason, config))
        text = "".join(block.text for block in response.content if block.type == "text")
        try:
            return DraftSummary.model_validate_json(text), model, input_tokens, output_tokens
        except pydantic.ValidationError as error:
            logger.warning("anthropic: malformed answer on attempt %d", attempt)
            reason = _first_error(error)
            messages = [
                *messages,
                {"role": "assistant", "content": text or "(empty)"},
                {"role": "user", "content": REPAIR[request.language].format(error=reason)},
            ]
    raise LLMError(malformed_twice(reason))


def stopped_early(reason: str, config: LLMConfig) -> str:
    if reason == "refusal":
        return _("The model declined to write this summary. Nothing was saved.")
    return _(
        "The model's answer was cut off at %(tokens)s tokens, before the summary was complete. "
        "Try a shorter period. Nothing was saved."
    ) % {"tokens": config.max_output_tokens}


def malformed_twice(reason: str) -> str:
    return _(
        "The model answered twice with JSON that does not fit the summary (%(reason)s). "
        "Nothing was saved; try again, or another model (LLM_MODEL)."
    ) % {"reason": reason}


def _json_schema_format():
    return {"type": "json_schema", "schema": anthropic.transform_schema(DraftSummary)}


def _first_error(error: pydantic.ValidationError) -> str:
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"]) or "answer"
    return f"{where}: {first['msg']}"


def _explain(error: anthropic.APIError, config: LLMConfig) -> str:
    params = {"timeout": f"{config.timeout:g}", "retries": config.max_retries}
    if isinstance(error, anthropic.APITimeoutError):
        return (
            _(
                "The model did not answer within %(timeout)s s "
                "(retries included, LLM_MAX_RETRIES=%(retries)s). "
                "Try again, or raise LLM_TIMEOUT."
            )
            % params
        )
    if isinstance(error, anthropic.APIConnectionError):
        return _("Could not reach the Anthropic API. Check the network and ANTHROPIC_BASE_URL.")
    if isinstance(error, anthropic.AuthenticationError):
        return _("Anthropic refused the API key (401). Check ANTHROPIC_API_KEY.")
    if isinstance(error, anthropic.RateLimitError):
        return (
            _(
                "Anthropic is rate-limiting requests (429), "
                "also after retrying (LLM_MAX_RETRIES=%(retries)s). "
                "Try again later."
            )
            % params
        )
    if isinstance(error, anthropic.APIStatusError) and error.status_code == 529:
        return (
            _(
                "Anthropic is overloaded (529), also after retrying (LLM_MAX_RETRIES=%(retries)s). "
                "Try again in a few minutes."
            )
            % params
        )
    if isinstance(error, anthropic.InternalServerError):
        return _(
            "Anthropic failed with a server error (%(status)s), "
            "also after retrying (LLM_MAX_RETRIES=%(retries)s). "
            "Try again later."
        ) % {**params, "status": error.status_code}
    if isinstance(error, anthropic.APIStatusError):
        return _("Anthropic refused the request (%(status)s): %(message)s") % {
            "status": error.status_code,
            "message": error.message,
        }
    return _("The Anthropic API failed: %(error)s") % {"error": error}
