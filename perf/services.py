"""Perf summaries: gather a period's entries, ask the LLM layer, save the result whole."""

import dataclasses
import datetime
import html
import logging

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from journal.models import Entry
from journal.services import get_profile

from . import runs
from .llm import LLMConfig, LLMError, SummaryResult, generate_summary
from .llm.budget import input_budget, prompt_tokens
from .llm.config import llm_config
from .llm.schemas import KeptPoint, SummaryRequest
from .models import (
    Citation,
    Goal,
    GoalReview,
    GoalStatus,
    PerfSummary,
    PointSection,
    ReviewPoint,
    SummaryStatus,
)
from .references import referenced
from .weekly import by_weeks

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


def create_summary(user, *, start, end, role=None, language=None, exclude_entry_ids=()):
    """A pending summary of the user's entries from `start` to `end` (inclusive)."""
    validate_period(start, end)
    validate_has_facts(user, start, end, exclude_entry_ids)
    profile = get_profile(user)
    return PerfSummary.objects.create(
        user=user,
        period_start=start,
        period_end=end,
        role=role or profile.role,
        language=language or profile.language or settings.LANGUAGE_CODE,
        excluded_entry_ids=[str(pk) for pk in exclude_entry_ids],
    )


def with_points(reviews):
    """Goal reviews with their points, their citations and the cited entries, in 3 queries."""
    points = ReviewPoint.objects.prefetch_related(
        models.Prefetch("citations", queryset=Citation.objects.select_related("entry"))
    )
    return reviews.prefetch_related(models.Prefetch("points", queryset=points), "context_entries")


def build_request(summary: PerfSummary, review: GoalReview | None = None):
    """The LLM request for a summary, or for one of its goals when `review` is given,
    with the maps from its E-references to entry ids and its G-references to goal ids.

    A goal is rewritten from the entries it cites and those linked to its goal; the points
    the user edited (locked) go along so that the model does not write them again, and so
    do those they removed.
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
        cited = cited_ids(review.points.all()) | {e.pk for e in review.context_entries.all()}
        linked = models.Q(goals=review.goal_id) if review.goal_id else models.Q(pk__in=[])
        entries = entries.filter(models.Q(pk__in=cited) | linked).distinct()
        goals = goals.filter(pk=review.goal_id) if review.goal_id else goals.none()
        reviews = [review]
    entries = list(entries.prefetch_related("goals").order_by("date", "created_at"))
    goals = list(goals)
    goal_data, entry_data, goal_refs, entry_refs = referenced(goals, entries)
    ref_of = {str(pk): ref for ref, pk in entry_refs.items()}

    def points(removed: bool) -> list[KeptPoint]:
        return [
            KeptPoint(
                section=kept_review.title,
                kind=point.section,
                text=point.text,
                refs=[ref_of[pk] for pk in point.cited_entry_ids() if pk in ref_of],
            )
            for kept_review in reviews
            for point in kept_review.points.all()
            if (point.removed if removed else point.locked and not point.removed)
        ]

    request = SummaryRequest(
        period_start=summary.period_start,
        period_end=summary.period_end,
        role=summary.role,
        language=summary.language,
        guidance=get_profile(summary.user).guidance,
        goals=goal_data,
        entries=entry_data,
        kept=points(removed=False),
        removed=points(removed=True),
        focus=review.title if review is not None else "",
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
                if review is None and budget is not None and prompt_tokens(request) > budget:
                    request, week_refs, stats = by_weeks(
                        summary, request, entry_refs, config, progress=run.progress, budget=budget
                    )
                    if prompt_tokens(request) > budget:
                        logger.warning(
                            "summary %s: %d weeks still make a prompt over LLM_INPUT_BUDGET (%d)",
                            summary.pk, stats["weeks_used"], budget,
                        )  # fmt: skip
                result = generate_summary(request, config)
            runs.reconnect_if_needed()
            saved = SavedResult(result, entry_refs, goals_by_ref, week_refs, stats)
            if review is None:
                _save_summary(summary, run.owned, saved)
            else:
                _save_review(summary, run.owned, saved, review.pk)
    except LLMError as error:
        run.fail(str(error))
    except Exception:
        logger.exception("summary %s failed unexpectedly", summary.pk)
        with translation.override(language):
            reason = _("Something went wrong while writing the summary; nothing was saved.")
        run.fail(reason)
        raise
    return PerfSummary.objects.filter(pk=summary.pk).first() or summary


@dataclasses.dataclass
class SavedResult:
    """A layer result with the maps that turn its references back into ids."""

    result: SummaryResult
    entry_refs: dict
    goals_by_ref: dict
    week_refs: dict = dataclasses.field(default_factory=dict)  # S-reference → entry ids
    stats: dict = dataclasses.field(default_factory=dict)  # of the weekly route (by_weeks)

    def entry_ids(self, refs) -> list[str]:
        ids = []
        for ref in refs:
            ids += self.week_refs.get(ref) or [str(self.entry_refs[ref])]
        return list(dict.fromkeys(ids))

    def points(self, review: GoalReview, goal) -> list[tuple[ReviewPoint, list[str]]]:
        """The drafted goal's points for `review`, unsaved, each with the entries it cites."""
        drafted = []
        for section, bullets in (
            (PointSection.OUTPUT, goal.outputs),
            (PointSection.OUTCOME, goal.outcomes),
        ):
            for bullet in bullets:
                entry_ids = self.entry_ids(bullet.entry_refs)
                point = ReviewPoint(
                    review=review,
                    section=section,
                    text=bullet.text,
                    unsupported=bullet.unsupported,
                    cited_count=len(entry_ids),
                )
                drafted.append((point, entry_ids))
        return drafted

    def run_fields(self) -> dict:
        result = self.result
        return {
            "status": SummaryStatus.DONE,
            "error": "",
            "rewriting_review_id": None,
            "is_ai": result.is_ai,
            "provider": result.provider,
            "model": result.model,
            "prompt_version": result.prompt_version,
            "finished_at": timezone.now(),
        }


REVIEW_FIELDS = ["goal", "title", "context", "context_unsupported", "position"]


def kept_points(review: GoalReview) -> list[ReviewPoint]:
    """The points a rewrite keeps: those the user edited (locked) or removed."""
    if review._state.adding:
        return []
    return [point for point in review.points.all() if point.locked or point.removed]


def has_kept(review: GoalReview) -> bool:
    """Whether a rewrite must keep anything of it: a locked text or a kept point."""
    return review.title_locked or review.context_locked or bool(kept_points(review))


def cited_ids(points) -> set[str]:
    return {pk for point in points for pk in point.cited_entry_ids()}


@dataclasses.dataclass
class Rewrite:
    """What a run writes into one goal review: its new points and the context's entries."""

    review: GoalReview
    points: list = dataclasses.field(default_factory=list)  # [(ReviewPoint, entry ids)]
    kept: list = dataclasses.field(default_factory=list)  # the kept points, placed anew
    context_entry_ids: list | None = None  # None: the context is kept as it was


def _merge_review(review: GoalReview, goal, saved: SavedResult, taken=None) -> Rewrite:
    """Rewrite `review` from a drafted goal, keeping what the user locked or removed: a
    drafted point citing the entries of a kept one (here, or in `taken`, the entry sets
    kept anywhere in the summary by section) restates it and is dropped."""
    taken = taken or {}
    kept = kept_points(review)
    if not review.title_locked:
        review.title = goal.title[: GoalReview._meta.get_field("title").max_length]
    rewrite = Rewrite(review)
    if not review.context_locked:
        review.context, review.context_unsupported = goal.context, goal.context_unsupported
        rewrite.context_entry_ids = saved.entry_ids(goal.context_refs)
    review.goal_id = saved.goals_by_ref.get(goal.goal_ref, review.goal_id)
    here = {point: frozenset(point.cited_entry_ids()) for point in kept}
    elsewhere = {section: set(taken.get(section, ())) for section in PointSection.values}

    def same(cited, other) -> bool:
        # A model cites the same evidence a little differently each time (a routine line
        # one occurrence longer): containment either way counts as the same point.
        return bool(other) and (cited <= other or other <= cited)

    # The draft's order, each kept point in the place of the drafted point that restates
    # it: an edited or removed point keeps its place among the new ones, not the top.
    order = {section: [] for section in PointSection.values}
    for point, entry_ids in saved.points(review, goal):
        cited = frozenset(entry_ids)
        match = next((k for k in kept if k.section == point.section and same(cited, here[k])), None)
        if match is not None:
            if match not in order[point.section]:
                order[point.section].append(match)
        elif not any(same(cited, other) for other in elsewhere[point.section]):
            order[point.section].append(point)
            rewrite.points.append((point, entry_ids))
    for section, points in order.items():
        # A kept point the draft did not restate (the draft without AI leaves its facts
        # to it) goes back to the place it had.
        unplaced = [k for k in kept if k.section == section and k not in points]
        for point in sorted(unplaced, key=lambda k: k.position):
            points.insert(min(point.position, len(points)), point)
        for position, point in enumerate(points):
            point.position = position
    rewrite.kept = kept
    return rewrite


def _pair(kept: list[GoalReview], goal, saved: SavedResult):
    """The locked review a drafted goal rewrites: the one of the same goal, else of the
    same title, else the one sharing most cited entries (models rename sections)."""
    goal_id = saved.goals_by_ref.get(goal.goal_ref)
    for review in kept:
        if goal_id and review.goal_id == goal_id:
            return review
    for review in kept:
        if review.title.casefold() == goal.title.strip().casefold():
            return review
    refs = [ref for bullet in goal.outputs + goal.outcomes for ref in bullet.entry_refs]
    drafted = set(saved.entry_ids(refs))
    shared = [(len(drafted & cited_ids(r.points.all())), r) for r in kept]
    best = max(shared, key=lambda pair: pair[0], default=(0, None))
    return best[1] if best[0] else None


def _write_rewrites(rewrites: list[Rewrite]):
    """Replace the points of each rewritten review with its rewrite's (kept ones stay),
    and its context's entries where the context was rewritten. An entry deleted while the
    model wrote is not cited; the point says a cited entry was deleted (cited_count)."""
    existing = [r.review.pk for r in rewrites if not r.review._state.adding]
    ReviewPoint.objects.filter(review__in=existing, locked=False, removed=False).delete()
    ReviewPoint.objects.bulk_update([p for r in rewrites for p in r.kept], ["position"])
    points = [point for rewrite in rewrites for point, _ids in rewrite.points]
    ReviewPoint.objects.bulk_create(points)
    wanted = {pk for r in rewrites for _point, ids in r.points for pk in ids}
    wanted |= {pk for r in rewrites for pk in r.context_entry_ids or ()}
    alive = {str(pk) for pk in Entry.objects.filter(pk__in=wanted).values_list("pk", flat=True)}
    Citation.objects.bulk_create(
        citation
        for rewrite in rewrites
        for point, entry_ids in rewrite.points
        for citation in point.cite([pk for pk in entry_ids if pk in alive])
    )
    ContextCitation = GoalReview.context_entries.through
    rewritten = [r for r in rewrites if r.context_entry_ids is not None]
    ContextCitation.objects.filter(goalreview__in=[r.review.pk for r in rewritten]).delete()
    ContextCitation.objects.bulk_create(
        ContextCitation(goalreview_id=r.review.pk, entry_id=pk)
        for r in rewritten
        for pk in dict.fromkeys(r.context_entry_ids)
        if pk in alive
    )


def _save_summary(summary, owned, saved: SavedResult):
    """Replace the summary's goals with the result's, keeping every locked text and every
    removed point: a goal with either takes the drafted goal it pairs with (_pair), else
    keeps only those; a drafted point that restates a kept one is dropped."""
    result = saved.result
    with transaction.atomic():
        if not owned.select_for_update().exists():
            return  # deleted, or failed as stuck and taken over by another run
        current = PerfSummary.objects.get(pk=summary.pk)
        kept = [review for review in with_points(current.goal_reviews.all()) if has_kept(review)]
        taken = {
            section: {
                frozenset(point.cited_entry_ids())
                for review in kept
                for point in kept_points(review)
                if point.section == section
            }
            for section in PointSection.values
        }
        rewrites = []
        for goal in result.goals:
            match = _pair(kept, goal, saved)
            if match is None:
                match = GoalReview(summary=summary)
            else:
                kept.remove(match)
            rewrites.append(_merge_review(match, goal, saved, taken))
        # Nothing drafted for these: only what the user locked or removed stays.
        rewrites += [Rewrite(review) for review in kept]
        # A drafted goal left with no point (all restated kept ones) is not worth a section.
        rewrites = [r for r in rewrites if r.points or not r.review._state.adding]
        for position, rewrite in enumerate(rewrites):
            rewrite.review.position = position
        reviews = [rewrite.review for rewrite in rewrites]
        existing = [review for review in reviews if not review._state.adding]
        summary.goal_reviews.exclude(pk__in=[review.pk for review in existing]).delete()
        GoalReview.objects.bulk_update(existing, REVIEW_FIELDS)
        GoalReview.objects.bulk_create(review for review in reviews if review._state.adding)
        _write_rewrites(rewrites)
        fields = saved.run_fields()
        if not current.summary_text_locked:
            fields.update(
                summary_text=result.summary_text, summary_unsupported=result.summary_unsupported
            )
        stats = saved.stats
        owned.update(
            **fields,
            input_tokens=result.input_tokens + stats.get("input_tokens", 0),
            output_tokens=result.output_tokens + stats.get("output_tokens", 0),
            weeks_used=stats.get("weeks_used", 0),
            weeks_reused=stats.get("weeks_reused", 0),
            llm_calls=stats.get("llm_calls", 1 if result.is_ai else 0),
            ungrounded_count=result.ungrounded_count,
            sent_entry_ids=[str(pk) for pk in saved.entry_refs.values()],
        )


def _save_review(summary, owned, saved: SavedResult, review_pk):
    """Rewrite one goal from the result (all it drafted goes into that goal), keeping what
    the user locked or removed; the rest of the summary stays. Tokens add to the summary's."""
    result = saved.result
    with transaction.atomic():
        if not owned.select_for_update().exists():
            return
        review = with_points(GoalReview.objects.filter(pk=review_pk, summary=summary)).first()
        if review is not None and result.goals:
            merged = result.goals[0].model_copy(
                update={
                    "outputs": [b for goal in result.goals for b in goal.outputs],
                    "outcomes": [b for goal in result.goals for b in goal.outcomes],
                    "title": review.title,  # the section keeps its name
                }
            )
            rewrite = _merge_review(review, merged, saved)
            review.save()
            _write_rewrites([rewrite])
        current = PerfSummary.objects.get(pk=summary.pk)
        # Entries newly linked to the goal were read too: coverage and figure checks see them.
        sent = list(dict.fromkeys([*current.sent_entry_ids, *map(str, saved.entry_refs.values())]))
        owned.update(
            **saved.run_fields(),
            sent_entry_ids=sent,
            input_tokens=models.F("input_tokens") + result.input_tokens,
            output_tokens=models.F("output_tokens") + result.output_tokens,
            ungrounded_count=models.F("ungrounded_count") + result.ungrounded_count,
        )


def shown_points(review: GoalReview, section: str) -> list[ReviewPoint]:
    """The review's points of one section that the user has not removed, in order."""
    return [p for p in review.points.all() if p.section == section and not p.removed]


def is_shown(review: GoalReview) -> bool:
    """A goal whose every point the user removed is not part of the review they share
    (the page still lists it in edit mode, to bring a point back)."""
    return any(not point.removed for point in review.points.all())


def summary_as_dict(summary: PerfSummary, reviews=None) -> dict:
    """The seed's JSON shape of a summary, with each point's cited entries and what the
    honesty check flagged (empty lists when everything is supported). `reviews`: its goal
    reviews with their points (with_points), where the caller fetched them for many."""
    if reviews is None:
        reviews = with_points(summary.goal_reviews.all())

    def points(review, section):
        return [
            {
                "text": point.text,
                "entry_ids": point.cited_entry_ids(),
                "unsupported": point.unsupported,
                "cited_entries_deleted": point.cited_deleted,
            }
            for point in shown_points(review, section)
        ]

    return {
        "id": str(summary.pk),
        "period_start": summary.period_start.isoformat(),
        "period_end": summary.period_end.isoformat(),
        "summary_text": summary.summary_text,
        "summary_unsupported": summary.summary_unsupported,
        "goals": [
            {
                "id": str(review.pk),
                "title": review.title,
                "context": review.context,
                "context_unsupported": review.context_unsupported,
                "outputs": points(review, PointSection.OUTPUT),
                "outcomes": points(review, PointSection.OUTCOME),
            }
            for review in reviews
            if is_shown(review)
        ],
    }


def inert(text: str) -> str:
    """Text as Markdown shows it, never as HTML: Markdown passes raw HTML through, so a
    <script> in an entry or a model's answer would run where the export is rendered."""
    return html.escape(text, quote=False)


def cited_days(entries) -> str:
    """The days of cited entries, each once, in order: "3 Mar 2026, 5 Mar 2026"; more than
    three as their span ("2 Sep 2026 – 30 Nov 2026, 13 days"), so a routine line of a dozen
    entries reads as one line, not a dozen dates. In the active language."""
    days = sorted({entry.date for entry in entries or ()})
    if len(days) > 3:
        return ngettext(
            "%(first)s – %(last)s, %(count)s day", "%(first)s – %(last)s, %(count)s days", len(days)
        ) % {"first": date_format(days[0]), "last": date_format(days[-1]), "count": len(days)}
    return ", ".join(date_format(day) for day in days)


def summary_markdown(summary: PerfSummary) -> str:
    """The summary as Markdown, each point followed by the dates of the entries it cites,
    and ⚠ after what its entries do not support."""
    reviews = [review for review in with_points(summary.goal_reviews.all()) if is_shown(review)]
    with translation.override(summary.language):
        title = _("Perf summary")
        unsupported = _("unsupported")
        context = _("Context")
        headings = (_("Outputs"), _("Outcomes"))
        draft_note = _("Draft without AI, built from your entries.")
        deleted = _("a cited entry was deleted")
        period = f"{date_format(summary.period_start)} – {date_format(summary.period_end)}"
        # As the page prints them: one date format per language, a span for many days.
        days = {p.pk: cited_days(p.cited_entries()) for r in reviews for p in r.points.all()}

    def flags(items):
        return f" ⚠ {unsupported}: {', '.join(map(inert, items))}" if items else ""

    def bullet(point):
        line = f"- {inert(point.text)}"
        if days[point.pk]:
            line += f" ({days[point.pk]})"
        line += flags(point.unsupported)
        return line + (f" ⚠ {deleted}" if point.cited_deleted else "")

    lines = [f"# {title}: {period}", ""]
    if not summary.is_ai:
        lines += [f"_{draft_note}_", ""]
    lines += [inert(summary.summary_text) + flags(summary.summary_unsupported), ""]
    for review in reviews:
        lines += [f"## {inert(review.title)}", ""]
        if review.context:
            lines += [
                f"**{context}.** {inert(review.context)}{flags(review.context_unsupported)}",
                "",
            ]
        for heading, section in zip(headings, PointSection.values, strict=True):
            if points := shown_points(review, section):
                lines += [f"**{heading}**", "", *(bullet(point) for point in points), ""]
    return "\n".join(lines).rstrip() + "\n"


SILENT_GAP = datetime.timedelta(days=14)


def evidence(user, start, end, *, exclude_ids=()):
    """What a summary of the period would rest on, and what is missing from it.

    Returns the period's facts grouped by goal (unlinked last), open plans (no fact marks
    them done), active goals with no fact, and silences of two weeks or more without a fact.
    """
    entries = list(
        Entry.objects.for_user(user)
        .between(start, end)
        .with_done_flag()
        .prefetch_related("goals")
        .order_by("date", "created_at")
    )
    facts = [entry for entry in entries if entry.is_fact]
    excluded = {str(pk) for pk in exclude_ids}
    groups: dict = {}
    for fact in facts:
        fact.excluded = str(fact.pk) in excluded
        goal = next(iter(fact.goals.all()), None)
        groups.setdefault(goal, []).append(fact)
    evidenced = {goal for goal, group in groups.items() if any(not f.excluded for f in group)}
    active_goals = Goal.objects.filter(user=user, status=GoalStatus.ACTIVE)
    gaps = []
    previous = start - datetime.timedelta(days=1)
    for day in [fact.date for fact in facts] + [end + datetime.timedelta(days=1)]:
        if day - previous > SILENT_GAP:
            gaps.append((previous + datetime.timedelta(days=1), day - datetime.timedelta(days=1)))
        previous = max(previous, day)
    return {
        "groups": sorted(groups.items(), key=lambda item: (item[0] is None, str(item[0] or ""))),
        "fact_count": len(facts),
        "open_plans": [entry for entry in entries if entry.is_plan and not entry.is_done],
        "goals_without_evidence": [goal for goal in active_goals if goal not in evidenced],
        "gaps": gaps,
    }


def unused_facts(summary: PerfSummary):
    """Facts that were sent but that no point of the written summary cites."""
    cited = Citation.objects.filter(point__review__summary=summary, point__removed=False)
    unused = set(summary.sent_entry_ids) - {
        str(pk) for pk in cited.values_list("entry_id", flat=True)
    }
    facts = Entry.objects.filter(user_id=summary.user_id).facts()
    return list(facts.filter(pk__in=unused).order_by("date"))
