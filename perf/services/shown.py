"""What a summary shows: the points the user kept, and the seed's JSON shape of it."""

import dataclasses

from django.db import models

from ..llm.form_answers import answer_text
from ..models import Citation, GoalReview, PerfSummary, PointSection, ReviewPoint


def with_points(reviews):
    """Goal reviews with their points, their citations and the cited entries, in 3 queries."""
    points = ReviewPoint.objects.prefetch_related(
        models.Prefetch("citations", queryset=Citation.objects.select_related("entry"))
    )
    return reviews.prefetch_related(models.Prefetch("points", queryset=points), "context_entries")


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

    shape = {
        "id": str(summary.pk),
        "period_start": summary.period_start.isoformat(),
        "period_end": summary.period_end.isoformat(),
        "summary_text": summary.summary_text,
        "summary_unsupported": summary.summary_unsupported,
    }
    if summary.form_questions:  # written for a form: its answers, no goals
        return {
            **shape,
            "goals": [],
            "form": {"id": summary.form_key, "name": summary.form_name},
            "answers": answers_as_dicts(summary, reviews),
        }
    shape["goals"] = [
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
    ]
    return shape


# An answer citing fewer entries than this says its evidence is thin: a reviewer looks
# for several examples of a competency.
THIN_EVIDENCE = 3


@dataclasses.dataclass
class ShownAnswer:
    """An answer as the page, the API and the Markdown show it."""

    review: GoalReview
    question: str
    guidance: str
    limit: int | None
    points: list
    text: str

    @property
    def characters(self) -> int:
        return len(self.text)

    @property
    def over_limit(self) -> bool:
        return self.limit is not None and self.characters > self.limit

    @property
    def evidence(self) -> int:
        """How many entries its shown points cite."""
        return len({pk for point in self.points for pk in point.cited_entry_ids()})

    @property
    def thin(self) -> bool:
        """Resting on one or two entries: a promotion packet's competency wants more."""
        return 0 < self.evidence < THIN_EVIDENCE


def shown_answer(summary: PerfSummary, review_id) -> ShownAnswer | None:
    """One answer of the summary as shown now, or None where the review is no answer."""
    if not summary.form_questions:
        return None
    reviews = with_points(summary.goal_reviews.filter(pk=review_id))
    return next(iter(shown_answers(summary, reviews)), None)


def shown_answers(summary: PerfSummary, reviews) -> list[ShownAnswer]:
    """The summary's answers in the form's order, with the points the user kept."""
    by_position = {review.position: review for review in reviews}
    answers = []
    for position, question in enumerate(summary.form_questions):
        review = by_position.get(position)
        if review is None:
            continue
        points = shown_points(review, PointSection.ANSWER)
        answers.append(
            ShownAnswer(
                review=review,
                question=question["text"],
                guidance=question.get("guidance", ""),
                limit=question.get("limit"),
                points=points,
                text=answer_text([point.text for point in points]),
            )
        )
    return answers


def answers_as_dicts(summary: PerfSummary, reviews) -> list[dict]:
    """The API's and the command's shape of a form's answers."""
    return [
        {
            "question": answer.question,
            "limit": answer.limit,
            "characters": answer.characters,
            "text": answer.text,
            "cut_to_limit": answer.review.cut_to_limit,
            "points": [
                {
                    "text": point.text,
                    "entry_ids": point.cited_entry_ids(),
                    "unsupported": point.unsupported,
                }
                for point in answer.points
            ],
        }
        for answer in shown_answers(summary, reviews)
    ]
