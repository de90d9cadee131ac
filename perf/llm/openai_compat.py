"""Any OpenAI-compatible chat-completions server (Ollama, llama.cpp, vLLM) via the openai SDK.

Local servers differ in what structured output they accept: json_schema (the schema
itself), json_object (JSON mode, the schema beside it, which llama.cpp's server enforces)
or none (plain text). OPENAI_JSON_MODE picks one; unset, the first call tries json_schema
and steps down on the server's refusal, and the mode found is remembered per base URL for
the process (`json_mode`). The answer is always validated against our schema here. One
client per process and configuration, as for Anthropic (building one costs tens of
milliseconds).
"""

import functools
import json
import logging
import os
import re
import threading

import openai
from django.utils.translation import gettext as _

from .base import LLMConfig, LLMError, timeout_reason
from .repair import Answer, Task, draft_with_repair

logger = logging.getLogger(__name__)

DEFAULT_MODEL = "llama3.1"
SCHEMA_HINT = "The JSON schema of the answer:\n"
JSON_MODES = ("json_schema", "json_object", "none")
# What auto-detection steps down to when a server refuses a mode.
FALLBACK = {"json_schema": "json_object", "json_object": "none"}
# Words of a refusal that is about the response format, not the request as a whole.
FORMAT_REFUSAL = re.compile(r"response.?format|json.?schema|json_object|grammar", re.I)

# base URL -> the JSON mode its server took, found by auto-detection in this process.
_found_modes: dict[str, str] = {}
_found_lock = threading.Lock()


def base_url(config: LLMConfig) -> str:
    return config.openai_base_url or os.environ.get("OPENAI_BASE_URL", "")


def json_mode(config: LLMConfig) -> str:
    """The JSON mode a call sends: OPENAI_JSON_MODE when set, else the one found for this
    server so far (json_schema until the server refuses it)."""
    if config.openai_json_mode in JSON_MODES:
        return config.openai_json_mode
    return _found_modes.get(base_url(config), "json_schema")


def found_mode(config: LLMConfig) -> str | None:
    """The mode auto-detection settled on for this server in this process, if any yet."""
    return _found_modes.get(base_url(config))


def _remember(config: LLMConfig, mode: str) -> None:
    with _found_lock:
        _found_modes[base_url(config)] = mode


def draft(task: Task, config: LLMConfig):
    """Return (the task's answer, model, input_tokens, output_tokens); raise LLMError."""
    model = config.model or DEFAULT_MODEL
    if not base_url(config):
        # The SDK would fall back to OpenAI's own servers: never send a journal there unasked.
        raise LLMError(_("No model server is set: set OPENAI_BASE_URL to your server's /v1 URL."))
    client = _client(
        base_url(config),
        config.openai_api_key or "not-needed",
        config.timeout,
        config.max_retries,
    )
    detecting = config.openai_json_mode not in JSON_MODES
    mode = json_mode(config)

    def ask(messages, timeout):
        nonlocal mode
        while True:
            try:
                completion = client.chat.completions.create(
                    model=model,
                    messages=[_system(task, mode), *messages[1:]],
                    max_tokens=task.token_limit(config),
                    timeout=timeout,
                    **_response_format(mode, task),
                )
                break
            except openai.APIStatusError as error:
                if detecting and mode in FALLBACK and _refuses_format(error):
                    logger.info("%s refused %s: trying %s", base_url(config), mode, FALLBACK[mode])
                    mode = FALLBACK[mode]
                    continue
                raise LLMError(_explain(error, config, mode)) from error
            except openai.APIError as error:
                raise LLMError(_explain(error, config, mode)) from error
        if detecting:
            _remember(config, mode)
        choice = completion.choices[0] if completion.choices else None
        stopped = {"length": "max_tokens", "content_filter": "refusal"}
        return Answer(
            text=(choice.message.content or "") if choice else "",
            input_tokens=completion.usage.prompt_tokens if completion.usage else 0,
            output_tokens=completion.usage.completion_tokens if completion.usage else 0,
            stopped_early=stopped.get(choice.finish_reason) if choice else None,
        )

    messages = [_system(task, mode), {"role": "user", "content": task.user}]
    answer, input_tokens, output_tokens = draft_with_repair(
        ask, messages, task, config, json_part=_json_part
    )
    return answer, model, input_tokens, output_tokens


def _system(task: Task, mode: str) -> dict:
    system = task.system
    if mode != "json_schema":
        # Without the schema as the response format, the model needs it in the prompt.
        system += "\n\n" + SCHEMA_HINT + json.dumps(task.schema.model_json_schema())
    return {"role": "system", "content": system}


def _refuses_format(error: openai.APIStatusError) -> bool:
    """A refusal of the response format: llama.cpp's server answers json_schema with an
    error naming it (400, 422 or 500); any other refusal is not the mode's fault."""
    if error.status_code not in (400, 422, 500):
        return False
    body = error.body if isinstance(error.body, (dict, list, str)) else ""
    return bool(FORMAT_REFUSAL.search(f"{error.message} {json.dumps(body, default=str)}"))


@functools.lru_cache(maxsize=8)
def _client(base_url, api_key, timeout, max_retries) -> openai.OpenAI:
    return openai.OpenAI(
        base_url=base_url, api_key=api_key, timeout=timeout, max_retries=max_retries
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
        # llama.cpp's server turns the schema into a grammar; others ignore the key.
        return {
            "response_format": {"type": "json_object", "schema": task.schema.model_json_schema()}
        }
    return {}


def _json_part(text: str) -> str:
    """The JSON object in a plain-text answer (models like to wrap it in ``` fences)."""
    fenced = re.search(r"```(?:json)?\s*(\{.*\})\s*```", text, re.S)
    if fenced:
        return fenced.group(1)
    start, end = text.find("{"), text.rfind("}")
    return text[start : end + 1] if start != -1 and end > start else text


def _explain(error: openai.APIError, config: LLMConfig, mode: str) -> str:
    params = {"timeout": f"{config.timeout:g}", "retries": config.max_retries}
    if isinstance(error, openai.APITimeoutError):
        return timeout_reason(config)
    if isinstance(error, openai.APIConnectionError):
        if config.local_ai:
            return _(
                "Could not reach the local model server at %(url)s: is compose's local-ai "
                "profile up (docker compose --profile local-ai up -d)?"
            ) % {"url": base_url(config)}
        return _("Could not reach the model server at %(url)s (%(setting)s).") % {
            "url": base_url(config),
            "setting": config.server_setting,
        }
    if isinstance(error, openai.AuthenticationError):
        return _("The model server refused the API key (401). Check OPENAI_API_KEY.")
    if isinstance(error, openai.NotFoundError):
        if config.local_ai:
            return _(
                "The local model server has no model %(model)s (404): it may still be "
                "downloading (docker compose logs ollama-pull), or %(setting)s names a "
                "model Ollama does not have."
            ) % {"model": config.model or DEFAULT_MODEL, "setting": config.model_setting}
        return _(
            "The model server has no model %(model)s, or no chat API at %(url)s (404). Check "
            "%(model_setting)s (Ollama: pull the model first) and %(url_setting)s (it ends in "
            "/v1)."
        ) % {
            "model": config.model or DEFAULT_MODEL,
            "url": base_url(config),
            "model_setting": config.model_setting,
            "url_setting": config.server_setting,
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
    others = {"json_schema": "json_object or none", "json_object": "none"}
    if isinstance(error, openai.APIStatusError) and mode in others and _refuses_format(error):
        return _(
            "The model server does not take OPENAI_JSON_MODE=%(mode)s (it refused that "
            "response format, %(status)s): set OPENAI_JSON_MODE to %(others)s, or leave it "
            "empty to detect it."
        ) % {"mode": mode, "status": error.status_code, "others": others[mode]}
    if isinstance(error, openai.InternalServerError):
        return _(
            "The model server failed (%(status)s), also after retrying "
            "(LLM_MAX_RETRIES=%(retries)s). Try again later."
        ) % {**params, "status": error.status_code}
    if isinstance(error, openai.APIStatusError):
        if error.status_code == 400 and mode in others:
            return _(
                "The model server refused the request (400): %(message)s. If it does not support "
                "OPENAI_JSON_MODE=%(mode)s, set OPENAI_JSON_MODE to %(others)s."
            ) % {"message": _server_message(error), "mode": mode, "others": others[mode]}
        return _("The model server refused the request (%(status)s): %(message)s") % {
            "status": error.status_code,
            "message": _server_message(error),
        }
    return _("The model server failed: %(error)s") % {"error": error}


def _server_message(error: openai.APIStatusError) -> str:
    """The first line of what the server said, short: some (llama-cpp-python) append the
    place in their code where it failed, which is no reason a user can act on."""
    said = error.body.get("message") if isinstance(error.body, dict) else None
    first = str(said or error.message or "").strip().splitlines()[0:1]
    text = first[0] if first else ""
    return text if len(text) <= 300 else text[:299] + "…"
