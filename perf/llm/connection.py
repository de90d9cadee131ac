"""The connection test: one tiny request to the configured model, through the same
provider, SDK, JSON mode and error reasons as a summary, timed, with the model's reply and
whether it fitted its schema. The LLM settings page runs it in the worker, `check_llm`
from the shell."""

import dataclasses
import time

import pydantic
from django.utils.translation import gettext as _

from . import PROVIDERS, openai_compat
from .base import LLMConfig, LLMError
from .repair import Task

SYSTEM = (
    "This is a connection test. Answer with a JSON object whose only key, reply, "
    'holds the word OK: {"reply": "OK"}.'
)
USER = "Connection test: reply OK."
# Room for the object and a model that says a little more than asked.
REPLY_TOKENS = 200


class ConnectionReply(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(extra="forbid")

    reply: str


@dataclasses.dataclass
class ConnectionReport:
    ok: bool
    provider: str
    model: str = ""
    base_url: str = ""
    json_mode: str = ""  # the structured output the call used (found, when auto)
    seconds: float | None = None
    reply: str = ""  # the model's answer as it came
    schema_valid: bool | None = None
    error: str = ""


def check_connection(config: LLMConfig) -> ConnectionReport:
    provider = config.resolved_provider()
    if provider == "offline":
        return ConnectionReport(ok=True, provider=provider)
    if provider not in PROVIDERS:
        return ConnectionReport(
            ok=False,
            provider=provider,
            error=_("Unknown LLM_PROVIDER %(provider)s: use anthropic, openai, offline or auto.")
            % {"provider": repr(provider)},
        )
    module = PROVIDERS[provider]
    if provider == "openai":
        failure = _(
            "The model answered, but not with JSON that fits the schema (%%(reason)s), so "
            "summaries would need repairs and may fail. Try another model (%(setting)s) or "
            "JSON mode (OPENAI_JSON_MODE)."
        ) % {"setting": config.model_setting}
    else:
        failure = _(
            "The model answered, but not with JSON that fits the schema (%(reason)s), so "
            "summaries would need repairs and may fail. Try another model (LLM_MODEL)."
        )
    task = Task(
        system=SYSTEM,
        user=USER,
        schema=ConnectionReply,
        language="en",
        name="connection_test",
        max_tokens=REPLY_TOKENS,
        attempts=1,
        failure=failure,
    )
    report = ConnectionReport(
        ok=False,
        provider=provider,
        model=config.model or module.DEFAULT_MODEL,
        base_url=openai_compat.base_url(config) if provider == "openai" else "",
    )
    started = time.monotonic()
    try:
        _answer, report.model, _input, _output = module.draft(task, config)
    except LLMError as error:
        report.error = str(error)
        report.schema_valid = False if task.replies else None
    else:
        report.ok = report.schema_valid = True
    report.seconds = round(time.monotonic() - started, 2)
    if task.replies:
        report.reply = task.replies[0]
    report.json_mode = openai_compat.json_mode(config) if provider == "openai" else "json_schema"
    return report
