"""The user's own edits of a written summary: any text of it, one piece at a time.

A piece is the narrative, a goal's title or context, or one output or outcome bullet.
Editing a piece locks it, so that rewriting the summary or its goal keeps it until the user
unlocks it. An edited claim is checked like a drafted one: figures that its entries do not
state get the "unsupported" badge.
"""

import dataclasses

from django.db import transaction
from django.urls import reverse

from journal.models import Entry

from .llm.grounding import unsupported_figures
from .models import GoalReview, PerfSummary, SummaryStatus

NARRATIVE, TITLE, CONTEXT = "narrative", "title", "context"
SECTIONS = ("outputs", "outcomes")
# Texts can be edited while no run is writing the summary.
EDITABLE = (SummaryStatus.DONE, SummaryStatus.FAILED)


class SummaryBusy(Exception):
    """The summary is being written again: its texts wait."""


class PieceGone(Exception):
    """The piece was rewritten or removed since it was shown."""


@dataclasses.dataclass
class Piece:
    summary: PerfSummary
    part: str  # NARRATIVE, TITLE, CONTEXT, or a bullet's id
    review: GoalReview | None = None
    section: str = ""  # "outputs" or "outcomes" for a bullet

    @property
    def kind(self) -> str:
        return "bullet" if self.section else self.part

    @property
    def key(self) -> str:
        """Unique on the page: the id of its element."""
        return NARRATIVE if self.review is None else f"{self.review.pk}-{self.part}"

    @property
    def url(self) -> str:
        """Where it is edited; unlock/ and remove/ follow it."""
        if self.review is None:
            return reverse("perf:narrative-edit", args=[self.summary.pk])
        return reverse("perf:piece-edit", args=[self.summary.pk, self.review.pk, self.part])

    @property
    def bullet(self) -> dict:
        return next(b for b in getattr(self.review, self.section) if b.get("id") == self.part)

    @property
    def text(self) -> str:
        if self.kind == "bullet":
            return self.bullet["text"]
        if self.kind == NARRATIVE:
            return self.summary.summary_text
        return getattr(self.review, self.part)

    @property
    def locked(self) -> bool:
        if self.kind == "bullet":
            return bool(self.bullet.get("locked"))
        if self.kind == NARRATIVE:
            return self.summary.summary_text_locked
        return getattr(self.review, f"{self.part}_locked")

    @property
    def unsupported(self) -> list[str]:
        if self.kind == "bullet":
            return self.bullet.get("unsupported", [])
        if self.kind == NARRATIVE:
            return self.summary.summary_unsupported
        return self.review.context_unsupported if self.kind == CONTEXT else []

    @property
    def entry_ids(self) -> list[str]:
        return self.bullet["entry_ids"] if self.kind == "bullet" else []

    def edit(self, text: str):
        """Save the user's text, locked, with its figures checked against its sources."""
        text = text.strip()
        with transaction.atomic():
            self._reload_for_update()
            if self.kind == "bullet":
                self.bullet.update(
                    text=text,
                    locked=True,
                    unsupported=unsupported_figures(text, sources(self.summary, self.entry_ids)),
                )
                self.review.save(update_fields=[self.section])
            elif self.kind == NARRATIVE:
                self.summary.summary_text = text
                self.summary.summary_text_locked = True
                self.summary.summary_unsupported = unsupported_figures(text, self._all_sources())
                self.summary.save(
                    update_fields=["summary_text", "summary_text_locked", "summary_unsupported"]
                )
            else:
                setattr(self.review, self.part, text)
                setattr(self.review, f"{self.part}_locked", True)
                fields = [self.part, f"{self.part}_locked"]
                if self.kind == CONTEXT:
                    self.review.context_unsupported = unsupported_figures(text, self._all_sources())
                    fields.append("context_unsupported")
                self.review.save(update_fields=fields)

    def unlock(self):
        with transaction.atomic():
            self._reload_for_update()
            if self.kind == "bullet":
                self.bullet["locked"] = False
                self.review.save(update_fields=[self.section])
            elif self.kind == NARRATIVE:
                self.summary.summary_text_locked = False
                self.summary.save(update_fields=["summary_text_locked"])
            else:
                setattr(self.review, f"{self.part}_locked", False)
                self.review.save(update_fields=[f"{self.part}_locked"])

    def remove(self):
        """Take a bullet out of the review (only bullets can go)."""
        with transaction.atomic():
            self._reload_for_update()
            bullets = getattr(self.review, self.section)
            setattr(self.review, self.section, [b for b in bullets if b.get("id") != self.part])
            self.review.save(update_fields=[self.section])

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
            if self.section and not any(
                b.get("id") == self.part for b in getattr(review, self.section)
            ):
                raise PieceGone

    def _all_sources(self) -> list[str]:
        return sources(self.summary, self.summary.sent_entry_ids)


def sources(summary, entry_ids) -> list[str]:
    """What the summary's owner's entries state, for the figure check: text and date."""
    rows = Entry.objects.filter(pk__in=entry_ids, user_id=summary.user_id).values_list(
        "text", "date"
    )
    return [f"{text} {date.isoformat()}" for text, date in rows]


def find_piece(summary: PerfSummary, part: str, review_id=None) -> Piece | None:
    """The piece of `summary` named by `part` (and its goal), or None when there is none."""
    if review_id is None:
        return Piece(summary, NARRATIVE) if part == NARRATIVE else None
    review = summary.goal_reviews.filter(pk=review_id).first()
    if review is None:
        return None
    if part in (TITLE, CONTEXT):
        return Piece(summary, part, review)
    for section in SECTIONS:
        if any(bullet.get("id") == part for bullet in getattr(review, section)):
            return Piece(summary, part, review, section)
    return None


def pieces_of(summary: PerfSummary, reviews: list[GoalReview]):
    """The page's pieces: the narrative, and for each goal its title, context and bullets."""
    for review in reviews:
        review.title_piece = Piece(summary, TITLE, review)
        review.context_piece = Piece(summary, CONTEXT, review)
        for section in SECTIONS:
            pieces = [Piece(summary, b["id"], review, section) for b in getattr(review, section)]
            setattr(review, f"{section}_pieces", pieces)
    return Piece(summary, NARRATIVE)
