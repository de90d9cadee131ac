"""The LLM layer: one entry point, `generate_summary`, over three providers.

It knows no ORM: it takes plain data (schemas.SummaryRequest) and returns a validated
schemas.SummaryResult, or raises base.LLMError with a reason a user can act on. Only this
package imports the SDKs.
"""

import logging
import time

from django.utils.translation import gettext as _

from . import anthropic, offline, openai_compat
from .base import LLMConfig, LLMError
from .grounding import ground
from .prompts import PROMPT_VERSION
from .schemas import SummaryRequest, SummaryResult

__all__ = ["LLMConfig", "LLMError", "SummaryRequest", "SummaryResult", "generate_summary"]

logger = logging.getLogger(__name__)

PROVIDERS = {"anthropic": anthropic, "openai": openai_compat}


def generate_summary(request: SummaryRequest, config: LLMConfig) -> SummaryResult:
    provider = config.resolved_provider()
    if provider == "offline":
        return offline.summarize(request)
    if provider not in PROVIDERS:
        raise LLMError(
            _("Unknown LLM_PROVIDER %(provider)s: use anthropic, openai, offline or auto.")
            % {"provider": repr(provider)}
        )
    started = time.monotonic()
    draft, model, input_tokens, output_tokens = PROVIDERS[provider].draft_summary(request, config)
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
