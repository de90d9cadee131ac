"""The LLM layer: its entry points, `generate_summary` (and `generate_answers`, a review
form's questions: form_answers.py), over three providers.

It knows no ORM: it takes plain data (schemas.SummaryRequest) and returns a validated
schemas.SummaryResult, or raises base.LLMError with a reason a user can act on. Only this
package imports the SDKs.
"""

import logging
import time

from django.utils.translation import gettext as _

from . import anthropic, offline, openai_compat
from .base import LLMConfig, LLMError
from .budget import answer_tokens, rewrite_tokens
from .form_answers import write_answers
from .grounding import ground, ground_bullets, polish_problems
from .prompts import (
    POLISH_RETRY,
    PROMPT_VERSION,
    polish_system_prompt,
    system_prompt,
    user_prompt,
    week_system_prompt,
)
from .repair import Task
from .schemas import (
    DraftPolish,
    DraftSummary,
    DraftWeek,
    FormResult,
    PolishRequest,
    PolishResult,
    SummaryRequest,
    SummaryResult,
    WeekResult,
)

__all__ = [
    "LLMConfig",
    "LLMError",
    "SummaryRequest",
    "SummaryResult",
    "generate_answers",
    "generate_summary",
    "generate_week",
    "polish",
]

logger = logging.getLogger(__name__)

PROVIDERS = {"anthropic": anthropic, "openai": openai_compat}


def _chat_provider(config: LLMConfig):
    """The chat provider's module, or None for offline."""
    provider = config.resolved_provider()
    if provider == "offline":
        return None
    if provider not in PROVIDERS:
        raise LLMError(
            _("Unknown LLM_PROVIDER %(provider)s: use anthropic, openai, offline or auto.")
            % {"provider": repr(provider)}
        )
    return provider


def generate_summary(request: SummaryRequest, config: LLMConfig) -> SummaryResult:
    provider = _chat_provider(config)
    if provider is None:
        return offline.summarize(request)
    started = time.monotonic()
    task = Task(
        system=system_prompt(request),
        user=user_prompt(request),
        schema=DraftSummary,
        language=request.language,
        max_tokens=answer_tokens(request, config.max_output_tokens),
    )
    draft, model, input_tokens, output_tokens = PROVIDERS[provider].draft(task, config)
    goals, summary_unsupported, ungrounded = ground(draft, request)
    logger.info(
        "summary drafted: provider=%s model=%s entries=%d goals=%d ungrounded=%d "
        "tokens_in=%d tokens_out=%d seconds=%.2f",
        provider, model, len(request.entries), len(goals), ungrounded,
        input_tokens, output_tokens, time.monotonic() - started,
    )  # fmt: skip
    return SummaryResult(
        summary_text=draft.summary_text.strip(),
        summary_unsupported=summary_unsupported,
        goals=goals,
        ungrounded_count=ungrounded,
        provider=provider,
        model=model,
        prompt_version=PROMPT_VERSION,
        input_tokens=input_tokens,
        output_tokens=output_tokens,
    )


def generate_answers(request: SummaryRequest, config: LLMConfig) -> FormResult:
    """The answers to a review form's questions (request.questions), each point cited and
    every answer within its limit (form_answers.py), or without AI."""
    provider = _chat_provider(config)
    if provider is None:
        return offline.answer_form(request)
    return write_answers(PROVIDERS[provider], provider, request, config)


def generate_week(request: SummaryRequest, config: LLMConfig) -> WeekResult:
    """A short "what I did this week" of the request's entries, each point cited."""
    provider = _chat_provider(config)
    if provider is None:
        return offline.summarize_week(request)
    task = Task(
        system=week_system_prompt(request),
        user=user_prompt(request),
        schema=DraftWeek,
        language=request.language,
        name="week_summary",
        max_tokens=answer_tokens(request, config.max_output_tokens),
    )
    draft, model, input_tokens, output_tokens = PROVIDERS[provider].draft(task, config)
    bullets, ungrounded = ground_bullets(draft.bullets, request)
    return WeekResult(
        bullets=bullets,
        ungrounded_count=ungrounded,
        provider=provider,
        model=model,
        prompt_version=PROMPT_VERSION,
        input_tokens=input_tokens,
        output_tokens=output_tokens,
    )


def polish(request: PolishRequest, config: LLMConfig) -> PolishResult:
    """A role-aware rewrite of one text that keeps its figures and names, or LLMError."""
    provider = _chat_provider(config)
    if provider is None:
        result = offline.polish(request)
        # A model's rewrite is checked by its task (below), the offline one here.
        if problems := polish_problems(request.text, result.rewrite):
            raise LLMError(
                _("The rewrite changed the facts (%(reason)s), so it was not used.")
                % {"reason": problems}
            )
    else:
        task = Task(
            system=polish_system_prompt(request),
            user=request.text,
            schema=DraftPolish,
            language=request.language,
            name="polish",
            max_tokens=rewrite_tokens(request.text, config.max_output_tokens),
            check=lambda draft: polish_problems(request.text, draft.rewrite),
            retry_note=POLISH_RETRY,
            failure=_(
                "The model's rewrite changed the facts twice (%(reason)s), so it was not "
                "used. Nothing was changed; try again, or another model (LLM_MODEL)."
            ),
        )
        draft, model, input_tokens, output_tokens = PROVIDERS[provider].draft(task, config)
        result = PolishResult(
            original=request.text,
            rewrite=draft.rewrite.strip(),
            provider=provider,
            model=model,
            input_tokens=input_tokens,
            output_tokens=output_tokens,
        )
    return result
