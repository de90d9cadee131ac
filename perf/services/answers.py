"""Summaries written for a review form: each question's answer is a GoalReview at the
question's position, its points (section "answer") citing entries as a goal's do.

A run writes every answer, or one when the user asks for it again, keeping what they
locked or removed as a goal's rewrite does (rewrite.merge_review)."""

import dataclasses

from django.db import models, transaction

from ..llm.schemas import Bullet
from ..models import GoalReview, PerfSummary
from .rewrite import (
    REVIEW_FIELDS,
    SavedResult,
    finish_rewrite,
    merge_review,
    write_rewrites,
)
from .shown import with_points

ANSWER_FIELDS = [*REVIEW_FIELDS, "limit", "cut_to_limit"]
# GoalReview.title holds the question for the admin and lists; the page and the API read
# the whole question from the summary's copy of its form.
TITLE_LENGTH = GoalReview._meta.get_field("title").max_length


@dataclasses.dataclass
class DraftedAnswer:
    """A drafted answer in the shape merge_review reads a drafted goal in."""

    title: str
    answers: list[Bullet]
    goal_ref: None = None
    context: str = ""
    context_unsupported: list = dataclasses.field(default_factory=list)
    context_refs: list = dataclasses.field(default_factory=list)
    outputs: list = dataclasses.field(default_factory=list)
    outcomes: list = dataclasses.field(default_factory=list)


def question_title(question: dict) -> str:
    text = " ".join(question["text"].split())
    return text if len(text) <= TITLE_LENGTH else text[: TITLE_LENGTH - 1] + "…"


def _merged(review: GoalReview, question: dict, answer, saved: SavedResult):
    review.title_locked = False  # the question is the form's, not the user's to rename
    rewrite = merge_review(review, DraftedAnswer(question_title(question), answer.points), saved)
    review.limit = question.get("limit")
    review.cut_to_limit = answer.cut
    return rewrite


def _save(reviews_and_rewrites):
    reviews = [review for review, _rewrite in reviews_and_rewrites]
    GoalReview.objects.bulk_update([r for r in reviews if not r._state.adding], ANSWER_FIELDS)
    GoalReview.objects.bulk_create(r for r in reviews if r._state.adding)
    write_rewrites([rewrite for _review, rewrite in reviews_and_rewrites])


def save_answers(summary, owned, saved: SavedResult):
    """Write every answer of the result into the summary, one GoalReview per question."""
    result = saved.result
    with transaction.atomic():
        if not owned.select_for_update().exists():
            return  # deleted, or failed as stuck and taken over by another run
        current = PerfSummary.objects.get(pk=summary.pk)
        existing = {review.position: review for review in with_points(current.goal_reviews.all())}
        written = []
        for position, (question, answer) in enumerate(
            zip(current.form_questions, result.answers, strict=True)
        ):
            review = existing.pop(position, None) or GoalReview(summary=summary, position=position)
            written.append((review, _merged(review, question, answer, saved)))
        current.goal_reviews.filter(pk__in=[review.pk for review in existing.values()]).delete()
        _save(written)
        stats = saved.stats
        owned.update(
            **saved.run_fields(),
            summary_text="",
            summary_unsupported=[],
            input_tokens=result.input_tokens + stats.get("input_tokens", 0),
            output_tokens=result.output_tokens + stats.get("output_tokens", 0),
            weeks_used=stats.get("weeks_used", 0),
            weeks_reused=stats.get("weeks_reused", 0),
            # The weekly route counts the final call among its own (weeks + 1).
            llm_calls=stats.get("llm_calls", 1) - 1 + result.llm_calls,
            ungrounded_count=result.ungrounded_count,
            sent_entry_ids=[str(pk) for pk in saved.entry_refs.values()],
        )


def save_answer(summary, owned, saved: SavedResult, review_pk):
    """Write one answer again from the result; the other answers stay as they are."""
    result = saved.result
    with transaction.atomic():
        if not owned.select_for_update().exists():
            return
        review = with_points(GoalReview.objects.filter(pk=review_pk, summary=summary)).first()
        current = PerfSummary.objects.get(pk=summary.pk)
        if review is not None and result.answers and review.position < len(current.form_questions):
            question = current.form_questions[review.position]
            _save([(review, _merged(review, question, result.answers[0], saved))])
        finish_rewrite(owned, current, saved, llm_calls=models.F("llm_calls") + result.llm_calls)
