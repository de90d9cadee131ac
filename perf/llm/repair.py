"""The exchange both chat providers hold with a model: ask, validate the answer against
the schema of the task (a summary, a week, a polished sentence), and give a malformed
answer one repair attempt."""

import dataclasses
import logging
import time
from collections.abc import Callable

import pydantic
from django.utils.translation import gettext as _

from .base import LLMConfig, LLMError, overdue_reason

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
    """Return (the task's schema instance, input_tokens, output_tokens) over at most
    `task.attempts` answers (two: one repair); `task.check` may refuse a well-formed answer
    with a reason, repaired alike.

    Both answers together have config.stage_seconds: `ask` gets the seconds one try may
    take (LLM_TIMEOUT, or less once the deadline is near), and past it the task fails."""
    input_tokens = output_tokens = 0
    deadline = time.monotonic() + config.stage_seconds
    for attempt in range(1, task.attempts + 1):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise LLMError(overdue_reason(config.stage_seconds))
        answer = ask(messages, min(config.timeout, remaining))
        input_tokens += answer.input_tokens
        output_tokens += answer.output_tokens
        task.replies.append(answer.text)
        if answer.stopped_early:
            raise LLMError(_stopped_early(answer.stopped_early, task.token_limit(config)))
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
    # The longest answer it may take (budget.answer_tokens); 0: LLMConfig.max_output_tokens.
    max_tokens: int = 0
    # A reason to refuse a well-formed answer ("" to accept it), and what to tell the model.
    check: Callable[[pydantic.BaseModel], str] | None = None
    retry_note: dict = dataclasses.field(default_factory=lambda: REPAIR)
    failure: str = ""
    # Answers it may take, the first and its repairs (a connection test takes one).
    attempts: int = 2
    # The model's raw answers, as they came.
    replies: list[str] = dataclasses.field(default_factory=list)

    def token_limit(self, config: LLMConfig) -> int:
        return min(self.max_tokens or config.max_output_tokens, config.max_output_tokens)

    def __post_init__(self):
        if not self.failure:
            self.failure = _(
                "The model answered twice with JSON that does not fit the summary "
                "(%(reason)s). Nothing was saved; try again, or another model (LLM_MODEL)."
            )


def _stopped_early(reason: str, tokens: int) -> str:
    if reason == "refusal":
        return _("The model declined to write this summary. Nothing was saved.")
    return _(
        "The model's answer was cut off at %(tokens)s tokens, before the summary was complete. "
        "Try a shorter period. Nothing was saved."
    ) % {"tokens": tokens}


def _first_error(error: pydantic.ValidationError) -> str:
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"]) or "answer"
    return f"{where}: {first['msg']}"
