"""Any OpenAI-compatible chat-completions server (Ollama, llama.cpp, vLLM) via the openai SDK.

Local servers differ in what structured output they accept, so OPENAI_JSON_MODE picks it:
json_schema (the schema itself), json_object (JSON mode) or none (plain text); the answer is
always validated against our schema here. One client per process and configuration, as
for Anthropic (building one costs tens of milliseconds).
"""

import functools
import json
import os
import re

import openai
from django.utils.translation import gettext as _

from .base import LLMConfig, LLMError
from .repair import Answer, Task, draft_with_repair

DEFAULT_MODEL = "llama3.1"
SCHEMA_HINT = "The JSON schema of the answer:\n"


def draft(task: Task, config: LLMConfig):
    """Return (the task's answer, model, input_tokens, output_tokens); raise LLMError."""
    model = config.model or DEFAULT_MODEL
    client = _client(
        config.openai_base_url or os.environ.get("OPENAI_BASE_URL"),
        config.openai_api_key or "not-needed",
        config.timeout,
        config.max_retries,
    )
    system = task.system
    if config.openai_json_mode != "json_schema":
        # Without a schema in the request, the model needs it in the prompt.
        system += "\n\n" + SCHEMA_HINT + json.dumps(task.schema.model_json_schema())

    def ask(messages, timeout):
        try:
            completion = client.chat.completions.create(
                model=model,
                messages=messages,
                max_tokens=task.token_limit(config),
                timeout=timeout,
                **_response_format(config.openai_json_mode, task),
            )
        except openai.APIError as error:
            raise LLMError(_explain(error, config)) from error
        choice = completion.choices[0] if completion.choices else None
        stopped = {"length": "max_tokens", "content_filter": "refusal"}
        return Answer(
            text=(choice.message.content or "") if choice else "",
            input_tokens=completion.usage.prompt_tokens if completion.usage else 0,
            output_tokens=completion.usage.completion_tokens if completion.usage else 0,
            stopped_early=stopped.get(choice.finish_reason) if choice else None,
        )

    messages = [
        {"role": "system", "content": system},
        {"role": "user", "content": task.user},
    ]
    answer, input_tokens, output_tokens = draft_with_repair(
        ask, messages, task, config, json_part=_json_part
    )
    return answer, model, input_tokens, output_tokens


@functools.lru_cache(maxsize=8)
def _client(base_url, api_key, timeout, max_retries) -> openai.OpenAI:
    return openai.OpenAI(
        base_url=base_url or None, api_key=api_key, timeout=timeout, max_retries=max_retries
    )


def _response_format(mode: str, task: Task) -> dict:
    if mode == "json_schema":
        # Every field is required and extra keys are forbidden, so pydantic's schema is
        # already what strict mode asks for.
        schema = task.schema.model_json_schema()
        return {
            "response_format": {
                "type": "json_schema",
                "json_schema": {"name": task.name, "schema": schema, "strict": True},
            }
        }
    if mode == "json_object":
        return {"response_format": {"type": "json_object"}}
    return {}


def _json_part(text: str) -> str:
    """The JSON object in a plain-text answer (models like to wrap it in ``` fences)."""
    fenced = re.search(r"```(?:json)?\s*(\{.*\})\s*```", text, re.S)
    if fenced:
        return fenced.group(1)
    start, end = text.find("{"), text.rfind("}")
    return text[start : end + 1] if start != -1 and end > start else text


def _explain(error: openai.APIError, config: LLMConfig) -> str:
    params = {"timeout": f"{config.timeout:g}", "retries": config.max_retries}
    if isinstance(error, openai.APITimeoutError):
        return (
            _(
                "The model did not answer within %(timeout)s s "
                "(retries included, LLM_MAX_RETRIES=%(retries)s). "
                "Try again, or raise LLM_TIMEOUT."
            )
            % params
        )
    if isinstance(error, openai.APIConnectionError):
        return _("Could not reach the model server at %(url)s (OPENAI_BASE_URL).") % {
            "url": config.openai_base_url
        }
    if isinstance(error, openai.RateLimitError):
        return (
            _(
                "The model server is rate-limiting requests (429), "
                "also after retrying (LLM_MAX_RETRIES=%(retries)s). "
                "Try again later."
            )
            % params
        )
    if isinstance(error, openai.InternalServerError):
        return _(
            "The model server failed (%(status)s), also after retrying "
            "(LLM_MAX_RETRIES=%(retries)s). Try again later."
        ) % {**params, "status": error.status_code}
    if isinstance(error, openai.APIStatusError):
        if error.status_code == 400 and config.openai_json_mode != "none":
            others = {"json_schema": "json_object or none", "json_object": "none"}
            return _(
                "The model server refused the request (400): %(message)s. If it does not support "
                "OPENAI_JSON_MODE=%(mode)s, set OPENAI_JSON_MODE to %(others)s."
            ) % {
                "message": error.message,
                "mode": config.openai_json_mode,
                "others": others[config.openai_json_mode],
            }
        return _("The model server refused the request (%(status)s): %(message)s") % {
            "status": error.status_code,
            "message": error.message,
        }
    return _("The model server failed: %(error)s") % {"error": error}
