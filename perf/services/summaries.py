"""Perf summaries: gather a period's entries, ask the LLM layer, save the result whole."""

import datetime
import logging

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from journal.models import Entry
from journal.services import get_profile

from .. import runs
from ..llm import LLMConfig, LLMError, generate_answers, generate_summary
from ..llm.budget import input_budget
from ..llm.budget import prompt_tokens as summary_prompt_tokens
from ..llm.config import llm_config
from ..llm.form_answers import form_prompt_tokens
from ..llm.schemas import KeptPoint, QuestionData, SummaryRequest
from ..models import Goal, GoalReview, GoalStatus, PerfSummary
from .answers import save_answer, save_answers
from .references import entry_rows, referenced
from .rewrite import SavedResult, cited_ids, save_review, save_summary
from .shown import with_points
from .weekly_route import by_weeks

logger = logging.getLogger(__name__)

MAX_PERIOD = datetime.timedelta(days=2 * 366)


class SummaryInputError(ValueError):
    """Arguments that cannot make a summary; the message says why."""


class NoFacts(SummaryInputError):
    """The period holds no fact to write from."""


def validate_period(start: datetime.date, end: datetime.date):
    if end < start:
        raise SummaryInputError(_("The end of the period comes before its start."))
    if end - start > MAX_PERIOD:
        raise SummaryInputError(_("A summary covers at most two years; choose a shorter period."))


def validate_has_facts(user, start, end, exclude_entry_ids=()):
    """Refuse a period without a fact to write from, once the left-out ones are left out:
    before anything is queued, rather than a run that writes an empty review."""
    facts = Entry.objects.for_user(user).facts().between(start, end)
    if facts.exclude(pk__in=list(exclude_entry_ids)).exists():
        return
    dates = {"start": date_format(start), "end": date_format(end)}
    if facts.exists():
        raise NoFacts(
            _("You left out every fact between %(start)s and %(end)s: keep at least one.") % dates
        )
    raise NoFacts(
        _(
            "There are no facts between %(start)s and %(end)s: write what you did on Today "
            "first, or choose another period."
        )
        % dates
    )


def review_language(user, language=None) -> str:
    """The language a summary is written in: the one asked for, else the profile's, else
    the site's."""
    return language or get_profile(user).language or settings.LANGUAGE_CODE


def create_summary(user, *, start, end, role=None, language=None, exclude_entry_ids=(), form=None):
    """A pending summary of the user's entries from `start` to `end` (inclusive), written
    for `form` (a perf.review_forms.FormChoice) when given: its questions as they are now."""
    validate_period(start, end)
    validate_has_facts(user, start, end, exclude_entry_ids)
    profile = get_profile(user)
    return PerfSummary.objects.create(
        user=user,
        period_start=start,
        period_end=end,
        role=role or profile.role,
        language=review_language(user, language),
        excluded_entry_ids=[str(pk) for pk in exclude_entry_ids],
        form_key=form.key if form and form.questions else "",
        form_name=form.name if form and form.questions else "",
        form_questions=list(form.questions) if form else [],
    )


def build_request(summary: PerfSummary, review: GoalReview | None = None):
    """The LLM request for a summary, or for one of its goals when `review` is given,
    with the maps from its E-references to entry ids and its G-references to goal ids.

    A goal is rewritten from the entries it cites and those linked to its goal, an answer
    to a form's question from the whole period (its question may find evidence it did not
    cite); the points the user edited (locked) go along so that the model does not write
    them again, and so do those they removed.
    """
    entries = (
        Entry.objects.for_user(summary.user)
        .between(summary.period_start, summary.period_end)
        .exclude(pk__in=summary.excluded_entry_ids)
    )
    goals = Goal.objects.filter(user=summary.user).exclude(status=GoalStatus.DROPPED)
    reviews = list(with_points(summary.goal_reviews.all()))
    if review is not None:
        review = next(r for r in reviews if r.pk == review.pk)
        if not summary.form_questions:
            cited = cited_ids(review.points.all()) | {e.pk for e in review.context_entries.all()}
            linked = models.Q(goals=review.goal_id) if review.goal_id else models.Q(pk__in=[])
            entries = entries.filter(models.Q(pk__in=cited) | linked).distinct()
            goals = goals.filter(pk=review.goal_id) if review.goal_id else goals.none()
        reviews = [review]
    entries = entry_rows(entries.order_by("date", "created_at"))
    goals = list(goals)
    goal_data, entry_data, goal_refs, entry_refs = referenced(goals, entries)
    ref_of = {str(pk): ref for ref, pk in entry_refs.items()}

    def section(kept_review) -> str:
        """A goal's title, or an answer's whole question (the layer matches it to its
        question by this text: the review's title is cut short)."""
        questions = summary.form_questions
        if 0 <= kept_review.position < len(questions):
            return questions[kept_review.position]["text"]
        return kept_review.title

    def points(removed: bool) -> list[KeptPoint]:
        return [
            KeptPoint(
                section=section(kept_review),
                kind=point.section,
                text=point.text,
                refs=[ref_of[pk] for pk in point.cited_entry_ids() if pk in ref_of],
            )
            for kept_review in reviews
            for point in kept_review.points.all()
            if (point.removed if removed else point.locked and not point.removed)
        ]

    questions = [
        QuestionData(ref=f"Q{number}", **question)
        for number, question in enumerate(summary.form_questions, start=1)
        if review is None or number - 1 == review.position
    ]
    request = SummaryRequest(
        questions=questions,
        period_start=summary.period_start,
        period_end=summary.period_end,
        role=summary.role,
        language=summary.language,
        guidance=get_profile(summary.user).guidance,
        goals=goal_data,
        entries=entry_data,
        kept=points(removed=False),
        removed=points(removed=True),
        focus=section(review) if review is not None else "",
    )
    goals_by_ref = {ref: pk for pk, ref in goal_refs.items()}
    return request, entry_refs, goals_by_ref


def run_summary(summary: PerfSummary, config: LLMConfig | None = None) -> PerfSummary:
    """Write the summary, or rewrite the one goal it is set to rewrite. A failure is
    recorded with its reason and keeps what was written before; a summary deleted or failed
    by a sweep meanwhile is left alone (perf/runs.py)."""
    config = config or llm_config()
    run = runs.claim(summary, config.stage_seconds)
    if run is None:  # running or written by another worker, or deleted
        return PerfSummary.objects.filter(pk=summary.pk).first() or summary
    language = summary.reason_language()
    review = None
    if summary.rewriting_review_id:
        review = summary.goal_reviews.filter(pk=summary.rewriting_review_id).first()
        if review is None:  # that goal is gone meanwhile: nothing to rewrite
            run.finish(rewriting_review_id=None)
            return PerfSummary.objects.filter(pk=summary.pk).first() or summary
    try:
        with runs.heartbeat(run):
            request, entry_refs, goals_by_ref = build_request(summary, review)
            # Failure reasons are stored for the user to read, in their language.
            with translation.override(language):
                week_refs, stats = {}, {}
                budget = input_budget(config)
                # A form's prompt is the summary's with its questions.
                prompt_tokens = form_prompt_tokens if request.questions else summary_prompt_tokens
                # A goal is rewritten from its own entries; an answer from the whole period.
                whole_period = review is None or bool(summary.form_questions)
                if whole_period and budget is not None and prompt_tokens(request) > budget:
                    request, week_refs, stats = by_weeks(
                        summary, request, entry_refs, config, progress=run.progress,
                        budget=budget, prompt_tokens=prompt_tokens,
                    )  # fmt: skip
                    if prompt_tokens(request) > budget:
                        logger.warning(
                            "summary %s: %d weeks still make a prompt over LLM_INPUT_BUDGET (%d)",
                            summary.pk, stats["weeks_used"], budget,
                        )  # fmt: skip
                write = generate_answers if request.questions else generate_summary
                result = write(request, config)
            runs.reconnect_if_needed()
            saved = SavedResult(result, entry_refs, goals_by_ref, week_refs, stats)
            if request.questions:
                save = save_answers if review is None else save_answer
            else:
                save = save_summary if review is None else save_review
            save(summary, run.owned, saved, *([] if review is None else [review.pk]))
    except LLMError as error:
        run.fail(str(error))
    except Exception:
        logger.exception("summary %s failed unexpectedly", summary.pk)
        with translation.override(language):
            reason = _("Something went wrong while writing the summary; nothing was saved.")
        run.fail(reason)
        raise
    return PerfSummary.objects.filter(pk=summary.pk).first() or summary
