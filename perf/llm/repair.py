"""The exchange both chat providers hold with a model: ask, validate the answer against
the schema of the task (a summary, a week, a polished sentence), and give a malformed
answer one repair attempt."""

import dataclasses
import logging
from collections.abc import Callable

import pydantic
from django.utils.translation import gettext as _

from .base import LLMConfig, LLMError

logger = logging.getLogger(__name__)

REPAIR = {
    "en": "Your previous answer did not match the required JSON schema ({error}). "
    "Answer again with only the JSON object.",
    "ru": "Предыдущий ответ не соответствовал требуемой JSON-схеме ({error}). "
    "Ответь ещё раз только JSON-объектом.",
}


@dataclasses.dataclass
class Answer:
    """One reply of the model, as a provider reads it off its SDK."""

    text: str
    input_tokens: int = 0
    output_tokens: int = 0
    stopped_early: str | None = None  # "max_tokens" or "refusal": no point in repairing


def draft_with_repair(
    ask: Callable[[list[dict]], Answer],
    messages: list[dict],
    task: "Task",
    config: LLMConfig,
    *,
    json_part: Callable[[str], str] = lambda text: text,
):
    """Return (the task's schema instance, input_tokens, output_tokens) over at most two
    answers; `task.check` may refuse a well-formed answer with a reason, repaired alike."""
    input_tokens = output_tokens = 0
    for attempt in (1, 2):
        answer = ask(messages)
        input_tokens += answer.input_tokens
        output_tokens += answer.output_tokens
        if answer.stopped_early:
            raise LLMError(_stopped_early(answer.stopped_early, config))
        try:
            draft = task.schema.model_validate_json(json_part(answer.text))
        except pydantic.ValidationError as error:
            logger.warning("malformed answer on attempt %d", attempt)
            reason = _first_error(error)
            repair = REPAIR[task.language].format(error=reason)
        else:
            reason = task.check(draft) if task.check else ""
            if not reason:
                return draft, input_tokens, output_tokens
            logger.warning("answer refused on attempt %d: %s", attempt, reason)
            repair = task.retry_note[task.language].format(error=reason)
        messages = [
            *messages,
            {"role": "assistant", "content": answer.text or "(empty)"},
            {"role": "user", "content": repair},
        ]
    raise LLMError(task.failure % {"reason": reason})


@dataclasses.dataclass
class Task:
    """What a provider asks for: prompts, the answer's schema, and how to judge it."""

    system: str
    user: str
    schema: type[pydantic.BaseModel]
    language: str
    name: str = "perf_summary"  # the schema's name where a server wants one
    # A reason to refuse a well-formed answer ("" to accept it), and what to tell the model.
    check: Callable[[pydantic.BaseModel], str] | None = None
    retry_note: dict = dataclasses.field(default_factory=lambda: REPAIR)
    failure: str = ""

    def __post_init__(self):
        if not self.failure:
            self.failure = _(
                "The model answered twice with JSON that does not fit the summary "
                "(%(reason)s). Nothing was saved; try again, or another model (LLM_MODEL)."
            )


def _stopped_early(reason: str, config: LLMConfig) -> str:
    if reason == "refusal":
        return _("The model declined to write this summary. Nothing was saved.")
    return _(
        "The model's answer was cut off at %(tokens)s tokens, before the summary was complete. "
        "Try a shorter period. Nothing was saved."
    ) % {"tokens": config.max_output_tokens}


def _first_error(error: pydantic.ValidationError) -> str:
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"]) or "answer"
    return f"{where}: {first['msg']}"
