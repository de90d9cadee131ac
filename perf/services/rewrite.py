"""Merge what the model wrote into a summary, keeping what the user locked or removed."""

import dataclasses

from django.db import models, transaction
from django.utils import timezone

from journal.models import Entry

from ..bulk import insert_instances, insert_rows
from ..llm import SummaryResult
from ..models import Citation, GoalReview, PerfSummary, PointSection, ReviewPoint, SummaryStatus
from .shown import with_points


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
            (PointSection.ANSWER, getattr(goal, "answers", ())),  # a form's (answers.py)
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


def merge_review(review: GoalReview, goal, saved: SavedResult, taken=None) -> Rewrite:
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


def write_rewrites(rewrites: list[Rewrite]):
    """Replace the points of each rewritten review with its rewrite's (kept ones stay),
    and its context's entries where the context was rewritten. An entry deleted while the
    model wrote is not cited; the point says a cited entry was deleted (cited_count)."""
    existing = [r.review.pk for r in rewrites if not r.review._state.adding]
    ReviewPoint.objects.filter(review__in=existing, locked=False, removed=False).delete()
    ReviewPoint.objects.bulk_update([p for r in rewrites for p in r.kept], ["position"])
    points = [point for rewrite in rewrites for point, _ids in rewrite.points]
    insert_instances(points)
    wanted = {pk for r in rewrites for _point, ids in r.points for pk in ids}
    wanted |= {pk for r in rewrites for pk in r.context_entry_ids or ()}
    # {id as text: id}: the rows take the ids themselves, not text to parse again per row.
    alive = {str(pk): pk for pk in Entry.objects.filter(pk__in=wanted).values_list("pk", flat=True)}
    # Thousands of rows for a long period: as rows, not instances (perf.bulk.insert_rows).
    insert_rows(
        Citation,
        ("point", "entry", "position"),
        (
            (point_id, alive[pk], position)
            for rewrite in rewrites
            for point, entry_ids in rewrite.points
            for point_id, pk, position in point.citation_rows(
                [pk for pk in entry_ids if pk in alive]
            )
        ),
    )
    ContextCitation = GoalReview.context_entries.through
    rewritten = [r for r in rewrites if r.context_entry_ids is not None]
    ContextCitation.objects.filter(goalreview__in=[r.review.pk for r in rewritten]).delete()
    insert_rows(
        ContextCitation,
        ("goalreview", "entry"),
        (
            (r.review.pk, alive[pk])
            for r in rewritten
            for pk in dict.fromkeys(r.context_entry_ids)
            if pk in alive
        ),
    )


def save_summary(summary, owned, saved: SavedResult):
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
            rewrites.append(merge_review(match, goal, saved, taken))
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
        write_rewrites(rewrites)
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


def save_review(summary, owned, saved: SavedResult, review_pk):
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
            rewrite = merge_review(review, merged, saved)
            review.save()
            write_rewrites([rewrite])
        finish_rewrite(owned, PerfSummary.objects.get(pk=summary.pk), saved)


def finish_rewrite(owned, current: PerfSummary, saved: SavedResult, **fields):
    """End the run that rewrote one section of `current` (a goal, an answer): the entries
    it read join those sent (coverage and figure checks see them), its tokens add to the
    summary's."""
    result = saved.result
    sent = list(dict.fromkeys([*current.sent_entry_ids, *map(str, saved.entry_refs.values())]))
    owned.update(
        **saved.run_fields(),
        sent_entry_ids=sent,
        input_tokens=models.F("input_tokens") + result.input_tokens,
        output_tokens=models.F("output_tokens") + result.output_tokens,
        ungrounded_count=models.F("ungrounded_count") + result.ungrounded_count,
        **fields,
    )
