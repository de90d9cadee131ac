"""A review form answered in one call: every question's answer made of cited points,
grounded like a goal's outputs, and held to its character limit.

The limit counts `answer_text`: the points' texts, one per line. An answer over it is sent
back once, all such answers in one call, to be shortened; one still over (or all of them,
when that call fails) is cut by `fit_to_limit` and marked `cut`. None is ever silently
over.
"""

import logging
import time

from django.utils.translation import gettext as _

from .answer_limits import answer_text, fit_to_limit, is_fragment, limits_left
from .base import LLMConfig, LLMError
from .budget import answer_tokens, estimate_tokens, rewrite_tokens
from .grounding import ground_bullets
from .prompts import FORM_PROMPT_VERSION, form_system_prompt, form_user_prompt, shorten_prompts
from .repair import Task
from .schemas import AnswerResult, Bullet, DraftForm, FormResult, SummaryRequest

__all__ = ["answer_text", "fit_to_limit", "form_prompt_tokens", "limits_left", "write_answers"]

logger = logging.getLogger(__name__)


def form_prompt_tokens(request: SummaryRequest) -> int:
    """The first call's prompt, estimated as budget.prompt_tokens estimates a summary's."""
    return estimate_tokens(form_system_prompt(request)) + estimate_tokens(
        form_user_prompt(request, limits_left(request))
    )


def _one_line(draft_bullets):
    # A point is one line of the answer's text: a newline inside it would make two.
    for bullet in draft_bullets:
        bullet.text = " ".join(bullet.text.split())
    return draft_bullets


def _grounded(draft: DraftForm, request: SummaryRequest, refs: set) -> tuple[dict, int]:
    """{question ref: grounded points} of the draft's answers to `refs` (the first answer
    to each; others ignored), and how many points were dropped for citing nothing sent."""
    answers, dropped = {}, 0
    for answer in draft.answers:
        ref = answer.question_ref.strip(" []").upper()
        if ref not in refs or ref in answers:
            continue
        answers[ref], lost = ground_bullets(_one_line(answer.points), request)
        dropped += lost
    return answers, dropped


def _over(answers: dict, limits: dict) -> list[str]:
    return [
        ref
        for ref, bullets in answers.items()
        if ref in limits and len(answer_text([b.text for b in bullets])) > limits[ref]
    ]


def _cut(bullets: list[Bullet], limit: int) -> list[Bullet]:
    texts, _cut_any = fit_to_limit([b.text for b in bullets], limit)
    fitted = []
    for bullet, text in zip(bullets, texts, strict=False):
        if is_fragment(text):
            continue
        unsupported = [item for item in bullet.unsupported if item in text]
        fitted.append(bullet.model_copy(update={"text": text, "unsupported": unsupported}))
    return fitted


def write_answers(provider, name: str, request: SummaryRequest, config: LLMConfig) -> FormResult:
    """One answer per request.questions, in order, written by the chat `provider` (module)
    in one call, two when answers must be shortened; LLMError with a reason to show."""
    started = time.monotonic()
    limits = limits_left(request)
    refs = {question.ref for question in request.questions}
    failure = _(
        "The model answered twice with JSON that does not fit the form's answers "
        "(%(reason)s). Nothing was saved; try again, or another model (LLM_MODEL)."
    )
    task = Task(
        system=form_system_prompt(request),
        user=form_user_prompt(request, limits),
        schema=DraftForm,
        language=request.language,
        name="form_answers",
        max_tokens=answer_tokens(request, config.max_output_tokens),
        failure=failure,
    )
    draft, model, input_tokens, output_tokens = provider.draft(task, config)
    answers, ungrounded = _grounded(draft, request, refs)
    calls, shortened = 1, set(_over(answers, limits))
    if shortened:
        questions = {question.ref: question for question in request.questions}
        over = [(questions[ref], limits[ref], answers[ref]) for ref in sorted(shortened)]
        system, user = shorten_prompts(request, over)
        texts = "\n".join(bullet.text for _q, _l, bullets in over for bullet in bullets)
        task = Task(
            system=system,
            user=user,
            schema=DraftForm,
            language=request.language,
            name="form_answers",
            max_tokens=rewrite_tokens(texts, config.max_output_tokens),
            failure=failure,
        )
        calls = 2
        try:
            draft, _model, more_in, more_out = provider.draft(task, config)
        except LLMError as error:
            # The long answers stand, cut below: a failed shortening loses no answer.
            logger.warning("shortening the form's answers failed: %s", error)
        else:
            input_tokens, output_tokens = input_tokens + more_in, output_tokens + more_out
            shorter, lost = _grounded(draft, request, shortened)
            ungrounded += lost
            # An answer the model emptied keeps its long points, cut to the limit.
            answers.update({ref: bullets for ref, bullets in shorter.items() if bullets})
    results = []
    for question in request.questions:
        bullets = answers.get(question.ref, [])
        still_over = question.ref in _over({question.ref: bullets}, limits)
        if still_over:
            bullets = _cut(bullets, limits[question.ref])
        results.append(
            AnswerResult(
                question_ref=question.ref,
                points=bullets,
                shortened=question.ref in shortened,
                cut=still_over,
            )
        )
    logger.info(
        "form answered: provider=%s model=%s entries=%d questions=%d calls=%d shortened=%d "
        "cut=%d ungrounded=%d tokens_in=%d tokens_out=%d seconds=%.2f",
        name, model, len(request.entries), len(results), calls, len(shortened),
        sum(r.cut for r in results), ungrounded, input_tokens, output_tokens,
        time.monotonic() - started,
    )  # fmt: skip
    return FormResult(
        answers=results,
        ungrounded_count=ungrounded,
        provider=name,
        model=model,
        prompt_version=FORM_PROMPT_VERSION,
        input_tokens=input_tokens,
        output_tokens=output_tokens,
        llm_calls=calls,
    )
