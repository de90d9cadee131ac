"""The user's own edits of a written summary: any text of it, one piece at a time.

A piece is the narrative, a goal's title or context, or one point (an output, an outcome,
or one of a form's answer's).
Editing a piece locks it, so that rewriting the summary or its goal keeps it until the user
unlocks it; a removed point stays removed through rewrites until the user brings it back.
An edited claim is checked like a drafted one, against the entries it cites.
"""

import dataclasses
import uuid

from django.db import transaction
from django.urls import reverse

from journal.models import Entry

from ..llm.grounding import Source, unsupported_claims
from ..models import (
    Goal,
    GoalReview,
    GoalStatus,
    PerfSummary,
    PointSection,
    ReviewPoint,
    SummaryStatus,
)

NARRATIVE, TITLE, CONTEXT = "narrative", "title", "context"
# Texts can be edited while no run is writing the summary.
EDITABLE = (SummaryStatus.DONE, SummaryStatus.FAILED)


class SummaryBusy(Exception):
    """The summary is being written again: its texts wait."""


class PieceGone(Exception):
    """The piece was rewritten or removed since it was shown."""


@dataclasses.dataclass
class Piece:
    summary: PerfSummary
    part: str  # NARRATIVE, TITLE, CONTEXT, or a point's key
    review: GoalReview | None = None
    point: ReviewPoint | None = None
    entries: list = dataclasses.field(default_factory=list)  # the cited entries, in order

    @property
    def kind(self) -> str:
        return "bullet" if self.point is not None else self.part

    @property
    def key(self) -> str:
        """Unique on the page: the id of its element."""
        return NARRATIVE if self.review is None else f"{self.review.pk}-{self.part}"

    @property
    def url(self) -> str:
        """Where it is edited; unlock/, remove/, restore/ and polish/ follow it."""
        if self.review is None:
            return reverse("perf:narrative-edit", args=[self.summary.pk])
        return reverse("perf:piece-edit", args=[self.summary.pk, self.review.pk, self.part])

    @property
    def text(self) -> str:
        if self.point is not None:
            return self.point.text
        if self.kind == NARRATIVE:
            return self.summary.summary_text
        return getattr(self.review, self.part)

    @property
    def locked(self) -> bool:
        if self.point is not None:
            return self.point.locked
        if self.kind == NARRATIVE:
            return self.summary.summary_text_locked
        return getattr(self.review, f"{self.part}_locked")

    @property
    def removed(self) -> bool:
        return self.point is not None and self.point.removed

    @property
    def unsupported(self) -> list[str]:
        if self.point is not None:
            return self.point.unsupported
        if self.kind == NARRATIVE:
            return self.summary.summary_unsupported
        return self.review.context_unsupported if self.kind == CONTEXT else []

    @property
    def cited_deleted(self) -> int:
        """How many entries the point cited have been deleted since."""
        return self.point.cited_deleted if self.point is not None else 0

    @property
    def uncited(self) -> bool:
        """A point that no entry supports any more."""
        return self.point is not None and not self.point.citations.all()

    @property
    def needs_a_look(self) -> bool:
        return bool(self.unsupported or self.cited_deleted or self.uncited)

    def edit(self, text: str):
        """Save the user's text, locked, checked against the entries it rests on."""
        text = text.strip()
        with transaction.atomic():
            self._reload_for_update()
            if self.point is not None:
                self.point.text = text
                self.point.locked = True
                self.point.unsupported = check(text, self.summary, self.point.cited_entry_ids())
                self.point.save(update_fields=["text", "locked", "unsupported"])
            elif self.kind == NARRATIVE:
                self.summary.summary_text = text
                self.summary.summary_text_locked = True
                self.summary.summary_unsupported = check(
                    text, self.summary, narrative_sources(self.summary), live_goals(self.summary)
                )
                self.summary.save(
                    update_fields=["summary_text", "summary_text_locked", "summary_unsupported"]
                )
            else:
                setattr(self.review, self.part, text)
                setattr(self.review, f"{self.part}_locked", True)
                fields = [self.part, f"{self.part}_locked"]
                if self.kind == CONTEXT:
                    self.review.context_unsupported = check(
                        text, self.summary, context_sources(self.review), [self.review.goal]
                    )
                    fields.append("context_unsupported")
                self.review.save(update_fields=fields)

    def unlock(self):
        with transaction.atomic():
            self._reload_for_update()
            if self.point is not None:
                self.point.locked = False
                self.point.save(update_fields=["locked"])
            elif self.kind == NARRATIVE:
                self.summary.summary_text_locked = False
                self.summary.save(update_fields=["summary_text_locked"])
            else:
                setattr(self.review, f"{self.part}_locked", False)
                self.review.save(update_fields=[f"{self.part}_locked"])

    def set_removed(self, removed: bool):
        """Take a point out of the review (rewriting keeps it out), or bring it back."""
        with transaction.atomic():
            self._reload_for_update()
            self.point.removed = removed
            self.point.save(update_fields=["removed"])

    def _reload_for_update(self):
        """Lock the summary, as runs do, then this piece's row; raise SummaryBusy while a
        run writes the summary, PieceGone when the piece is no longer there."""
        summary = PerfSummary.objects.select_for_update().filter(pk=self.summary.pk).first()
        if summary is None:
            raise PieceGone
        if summary.status not in EDITABLE:
            raise SummaryBusy
        self.summary = summary
        if self.review is not None:
            review = GoalReview.objects.select_for_update().filter(pk=self.review.pk).first()
            if review is None:
                raise PieceGone
            self.review = review
        if self.point is not None:
            point = (
                ReviewPoint.objects.select_for_update()
                .filter(pk=self.point.pk, review=self.review)
                .first()
            )
            if point is None:
                raise PieceGone
            self.point = point


def check(text: str, summary: PerfSummary, entry_ids, goals=()) -> list[str]:
    """What `text` states that the summary owner's entries `entry_ids` and the `goals`'
    own descriptions do not support, as a drafted claim is checked (grounding.draft): the
    titles and tags of the user's goals that are not dropped count as known names."""
    rows = Entry.objects.filter(pk__in=list(entry_ids), user_id=summary.user_id).values_list(
        "text", "date"
    )
    sources = [Source(entry_text, date) for entry_text, date in rows]
    sources += [Source(goal.description) for goal in goals if goal and goal.description]
    known = []
    for goal in live_goals(summary):
        known += [goal.title, f"#{goal.slug}"]
    return unsupported_claims(text, sources, known)


def live_goals(summary: PerfSummary):
    """The goals a summary is written against: the user's, less the dropped ones."""
    return Goal.objects.filter(user_id=summary.user_id).exclude(status=GoalStatus.DROPPED)


def context_sources(review: GoalReview) -> list:
    """A context rests on the entries it cites, or, where it cites none (written before
    contexts cited), on those its goal's points cite."""
    cited = list(review.context_entries.values_list("pk", flat=True))
    if cited:
        return cited
    return list(review.points.filter(removed=False).values_list("citations__entry", flat=True))


def narrative_sources(summary: PerfSummary) -> list:
    """The narrative rests on what the review's points and contexts cite."""
    points = ReviewPoint.objects.filter(review__summary=summary, removed=False)
    cited = set(points.values_list("citations__entry", flat=True))
    contexts = GoalReview.context_entries.through.objects.filter(goalreview__summary=summary)
    cited |= set(contexts.values_list("entry_id", flat=True))
    cited.discard(None)
    return list(cited)


def find_piece(summary: PerfSummary, part: str, review_id=None) -> Piece | None:
    """The piece of `summary` named by `part` (and its goal), or None when there is none."""
    if review_id is None:
        return Piece(summary, NARRATIVE) if part == NARRATIVE else None
    review = summary.goal_reviews.filter(pk=review_id).first()
    if review is None:
        return None
    if part == TITLE:
        return Piece(summary, part, review)
    if part == CONTEXT:
        return Piece(summary, part, review, entries=list(review.context_entries.all()))
    try:
        point_id = uuid.UUID(hex=part)
    except ValueError:
        return None
    point = review.points.prefetch_related("citations__entry").filter(pk=point_id).first()
    if point is None:
        return None
    return Piece(summary, part, review, point, entries=point.cited_entries())


def needing_a_look(narrative: Piece, reviews: list[GoalReview]) -> list[Piece]:
    """The pieces of the page (pieces_of) that need a look, in reading order."""
    shown = [narrative]
    for review in reviews:
        shown += [review.context_piece, *review.outputs_pieces, *review.outcomes_pieces]
        shown += review.answer_pieces
    return [piece for piece in shown if piece.needs_a_look]


def pieces_of(summary: PerfSummary, reviews: list[GoalReview]):
    """The page's pieces: the narrative, and for each goal its title, context, points and
    removed points. The reviews come with their points (services.with_points)."""
    for review in reviews:
        review.title_piece = Piece(summary, TITLE, review)
        review.context_piece = Piece(
            summary, CONTEXT, review, entries=list(review.context_entries.all())
        )
        pieces = [
            Piece(summary, point.key, review, point, entries=point.cited_entries())
            for point in review.points.all()
        ]
        shown = [piece for piece in pieces if not piece.removed]
        review.outputs_pieces = [p for p in shown if p.point.section == PointSection.OUTPUT]
        review.outcomes_pieces = [p for p in shown if p.point.section == PointSection.OUTCOME]
        review.answer_pieces = [p for p in shown if p.point.section == PointSection.ANSWER]
        review.removed_pieces = [p for p in pieces if p.removed]
    return Piece(summary, NARRATIVE)
