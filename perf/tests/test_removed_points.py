"""A goal review's removed points: they stay removed, out of sight, when the summary or the
review is written again and when a routine happens once more; they cannot be edited,
polished or unlocked, only restored, back to their place. Summaries are written offline."""

import datetime

import pytest
from django.urls import reverse

from conftest import make_entry, make_user, make_written_summary
from perf.models import PerfSummary, ReviewPoint
from perf.services.summaries import run_summary

from .conftest import OFFLINE, piece_url, point_citing, points, written

pytestmark = pytest.mark.django_db
D = datetime.date
HTMX = {"HX-Request": "true"}


@pytest.mark.parametrize("rewrite", ["summary-regenerate", "review-regenerate"])
def test_a_removed_point_stays_removed_when_written_again(client_for, rewrite):
    user = make_user()
    summary, _, facts = written(user)
    point = point_citing(summary, facts[1])
    review = point.review
    client = client_for(user)
    client.post(piece_url(summary, review, point.key, "remove/"))
    args = [summary.pk] if rewrite == "summary-regenerate" else [summary.pk, review.pk]

    response = client.post(reverse(f"perf:{rewrite}", args=args))  # "Write it again"…
    run_summary(summary, OFFLINE)  # …which the worker then does

    assert response.status_code == 302
    summary.refresh_from_db()
    assert (summary.status, summary.rewriting_review_id) == ("done", None)
    point.refresh_from_db()
    assert point.removed and point.review_id == review.pk  # kept as it was, out of sight
    # The draft's point on the same entries does not come back beside it.
    cited = point.cited_entry_ids()
    restated = [p for p in points(review, point.section) if p.cited_entry_ids() == cited]
    assert restated == []
    assert point_citing(review, facts[0])  # the rest of the goal is written again
    page = client.get(reverse("perf:summary-detail", args=[summary.pk]))
    shown = [piece.point for r in page.context["reviews"] for piece in r.outputs_pieces]
    removed = [piece.point for r in page.context["reviews"] for piece in r.removed_pieces]
    assert point not in shown and removed == [point]


def test_restoring_a_removed_point_brings_it_back_to_its_place(client_for):
    user = make_user()
    summary, _, facts = written(user)
    point = point_citing(summary, facts[1])
    review = point.review
    client = client_for(user)
    before = points(review)
    client.post(piece_url(summary, review, point.key, "remove/"))
    assert point not in points(review)

    response = client.post(piece_url(summary, review, point.key, "restore/"))

    assert response.status_code == 302
    assert response["Location"].endswith(f"#piece-{review.pk}-{point.key}")
    point.refresh_from_db()
    assert not point.removed
    assert points(review) == before


def test_an_htmx_restore_reloads_the_page(client_for):
    user = make_user()
    summary, _, facts = written(user)
    point = point_citing(summary, facts[1])
    client = client_for(user)
    client.post(piece_url(summary, point.review, point.key, "remove/"), headers=HTMX)

    response = client.post(piece_url(summary, point.review, point.key, "restore/"), headers=HTMX)

    assert response.status_code == 200
    assert response.headers["HX-Refresh"] == "true"  # it goes back among the points
    point.refresh_from_db()
    assert not point.removed


def test_restore_refuses_get_a_stranger_and_a_summary_being_written(client_for):
    owner = make_user()
    summary, _, facts = written(owner)
    point = point_citing(summary, facts[1])
    url = piece_url(summary, point.review, point.key, "restore/")
    client_for(owner).post(piece_url(summary, point.review, point.key, "remove/"))

    assert client_for(owner).get(url).status_code == 405
    assert client_for(make_user()).post(url).status_code == 404
    PerfSummary.objects.filter(pk=summary.pk).update(status="running")
    assert client_for(owner).post(url).status_code == 409
    point.refresh_from_db()
    assert point.removed


def test_a_removed_routine_point_stays_removed_when_it_happens_once_more(client_for):
    user = make_user()
    for day in (2, 9, 16):
        make_entry(user, text="Budget planning with finance", date=D(2026, 3, day))
    make_entry(user, text="Shipped the search index", date=D(2026, 3, 3))
    summary = make_written_summary(user)
    routine = ReviewPoint.objects.get(review__summary=summary, text__startswith="Budget planning")
    client = client_for(user)
    client.post(piece_url(summary, routine.review, routine.key, "remove/"))
    make_entry(user, text="Budget planning with finance", date=D(2026, 3, 23))

    client.post(reverse("perf:summary-regenerate", args=[summary.pk]))
    run_summary(summary, OFFLINE)

    budget = ReviewPoint.objects.filter(review__summary=summary, text__startswith="Budget planning")
    assert [(p.pk, p.removed) for p in budget] == [(routine.pk, True)]


def test_a_removed_point_cannot_be_edited_polished_or_unlocked_only_brought_back(client_for):
    user = make_user()
    summary, _billing, facts = written(user)
    point = point_citing(summary, facts[1])
    client = client_for(user)
    client.post(piece_url(summary, point.review, point.key, "remove/"))

    for action in ("", "polish/", "unlock/", "remove/"):
        url = piece_url(summary, point.review, point.key, action)
        assert client.post(url, {"text": "Edited after removal"}).status_code == 404, action
    point.refresh_from_db()
    assert point.removed and not point.locked and point.text != "Edited after removal"
    assert client.post(piece_url(summary, point.review, point.key, "restore/")).status_code == 302
