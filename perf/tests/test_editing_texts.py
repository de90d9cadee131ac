"""Editing a written summary's texts in place: a point, the narrative or a context saved
locked and checked, in a form of its own or through htmx; bad text refused; unlocking and
removing; texts that wait while the summary is written, keeping what was typed; a
stranger's summary and unknown points 404; the tools a written summary offers. Generation
goes through the real offline provider; nothing of perf.llm is mocked."""

import re

import pytest
from django.urls import reverse
from django.utils.html import escape

from conftest import make_user
from perf.models import PerfSummary, ReviewPoint
from perf.services.markdown import summary_markdown
from perf.services.summaries import run_summary

from .conftest import OFFLINE, billing_review, piece_url, point_citing, points, state, written

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


def test_editing_a_point_saves_it_locked_and_checks_its_figures(client_for):
    user = make_user()
    summary, _, facts = written(user)
    review = billing_review(summary)
    point = point_citing(review, facts[0])
    cited = point.cited_entry_ids()

    response = client_for(user).post(
        piece_url(summary, review, point.key),
        {"text": "Moved billing events to Kafka, cutting lag by 95%"},
    )

    point.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"].endswith(f"#piece-{review.pk}-{point.key}")
    assert point.text == "Moved billing events to Kafka, cutting lag by 95%"
    assert point.locked is True
    assert point.cited_entry_ids() == cited and str(facts[0].pk) in cited  # still cites it
    assert any("95" in item for item in point.unsupported)  # its entry never says 95


def test_an_htmx_edit_shows_the_form_then_the_saved_point(client_for):
    user = make_user()
    summary, _, facts = written(user)
    review = billing_review(summary)
    point = point_citing(review, facts[1])
    url = piece_url(summary, review, point.key)
    client = client_for(user)

    form = client.get(url, headers=HTMX)
    saved = client.post(url, {"text": "Wrote the on-call runbook for billing"}, headers=HTMX)

    assert form.status_code == 200
    assert f"{escape(point.text)}</textarea>" in form.text
    assert saved.status_code == 200
    assert saved.text.strip().startswith(f'<li id="piece-{review.pk}-{point.key}"')
    assert "Wrote the on-call runbook for billing" in saved.text
    assert "edited, kept" in saved.text and "Unlock" in saved.text
    assert escape(facts[1].text) in saved.text  # its cited entry is still a click away


def test_without_javascript_the_form_is_a_page_of_its_own(client_for):
    user = make_user()
    summary, _, _ = written(user)

    response = client_for(user).get(reverse("perf:narrative-edit", args=[summary.pk]))

    assert response.status_code == 200
    assert "<h1>Edit the summary</h1>" in response.text
    assert summary.summary_text in response.text


@pytest.mark.parametrize(
    ("part", "text", "message"),
    [
        ("bullet", "   ", "Write something, or remove the point instead."),
        ("title", "", "Write something: this cannot be empty."),
        ("title", "x" * 201, "This can be at most 200 characters long (it has 201)."),
    ],
)
def test_bad_text_is_refused_and_changes_nothing(client_for, part, text, message):
    user = make_user()
    summary, _, facts = written(user)
    review = billing_review(summary)
    before = (review.title, state(review))
    name = point_citing(review, facts[0]).key if part == "bullet" else part

    response = client_for(user).post(piece_url(summary, review, name), {"text": text})

    assert response.status_code == 422
    assert message in response.text
    review.refresh_from_db()
    assert (review.title, state(review)) == before
    assert not review.title_locked


def test_edited_narrative_and_context_are_locked_and_checked_against_all_entries(client_for):
    user = make_user()
    summary, _, _ = written(user)
    review = billing_review(summary)
    client = client_for(user)

    client.post(
        reverse("perf:narrative-edit", args=[summary.pk]),
        {"text": "A month of billing work: 3 PRs reviewed and 7 incidents closed."},
    )
    client.post(piece_url(summary, review, "context"), {"text": "Lag went from 40 s to 2 s."})
    client.post(piece_url(summary, review, "title"), {"text": "Billing on Kafka"})

    summary.refresh_from_db()
    review.refresh_from_db()
    # Only the 7 is in no entry (the 3 PRs are); the check names it as the text writes it.
    assert summary.summary_text_locked and len(summary.summary_unsupported) == 1
    assert "7" in summary.summary_unsupported[0]
    assert review.context_locked and review.context_unsupported == []
    assert review.title_locked and review.title == "Billing on Kafka"
    assert "Billing on Kafka" in summary_markdown(summary)


def test_unlocking_and_removing(client_for):
    user = make_user()
    summary, _, facts = written(user)
    review = billing_review(summary)
    first, second = point_citing(review, facts[0]), point_citing(review, facts[1])
    client = client_for(user)
    client.post(piece_url(summary, review, first.key), {"text": "Reworded"})

    unlocked = client.post(piece_url(summary, review, first.key, "unlock/"), headers=HTMX)
    removed = client.post(piece_url(summary, review, second.key, "remove/"), headers=HTMX)

    assert unlocked.status_code == 200 and "edited, kept" not in unlocked.text
    assert removed.status_code == 200 and removed.text == ""
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.text, first.locked, first.removed) == ("Reworded", False, False)
    assert second.removed  # kept as a row, so that rewriting leaves it out
    shown = points(review)
    assert first in shown and second not in shown


def test_texts_wait_while_the_summary_is_being_written_and_typed_text_is_kept(client_for):
    user = make_user()
    summary, _, _ = written(user)
    review = billing_review(summary)
    PerfSummary.objects.filter(pk=summary.pk).update(status="running")
    url = piece_url(summary, review, "title")
    client = client_for(user)

    opened = client.get(url, headers=HTMX)
    plain = client.post(url, {"text": "New title"})
    htmx = client.post(url, {"text": "New title"}, headers=HTMX)

    assert opened.headers["HX-Refresh"] == "true"  # nothing typed yet: show the run
    for response in (plain, htmx):
        assert response.status_code == 422
        assert "This summary is being written again" in response.text
        assert 'value="New title"' in response.text
    review.refresh_from_db()
    assert review.title == "Reliable billing"


def test_a_point_rewritten_under_an_open_editor_gives_the_text_back(client_for):
    user = make_user()
    summary, _, facts = written(user)
    review = billing_review(summary)
    url = piece_url(summary, review, point_citing(review, facts[0]).key)
    client = client_for(user)
    client.get(url, headers=HTMX)  # the editor is open…
    PerfSummary.objects.filter(pk=summary.pk).update(status="pending")
    run_summary(summary, OFFLINE)  # …while the summary is written again

    response = client.post(url, {"text": "My careful wording"}, headers=HTMX)

    assert response.status_code == 422
    assert "rewritten or removed since you opened it" in response.text
    assert "My careful wording</textarea>" in response.text


@pytest.mark.parametrize("action", ["", "unlock/", "remove/", "restore/"])
def test_a_strangers_summary_and_unknown_points_are_404(client_for, action):
    owner = make_user()
    summary, _, facts = written(owner)
    review = billing_review(summary)
    point = point_citing(review, facts[0])
    before = state(review)
    bullet = piece_url(summary, review, point.key, action)

    stranger = client_for(make_user())
    regenerate = reverse("perf:review-regenerate", args=[summary.pk, review.pk])
    assert stranger.post(bullet, {"text": "Mine now"}).status_code == 404
    assert stranger.post(regenerate).status_code == 404
    unknown = piece_url(summary, review, "0" * 32, action)
    expected = 422 if action == "" else 404  # an edit gives its text back (see above)
    assert client_for(owner).post(unknown, {"text": "x"}).status_code == expected
    assert state(review) == before
    assert not ReviewPoint.objects.filter(text="Mine now").exists()


def test_the_written_summary_offers_its_tools(client_for):
    user = make_user()
    summary, _, _ = written(user)
    review = billing_review(summary)

    page = client_for(user).get(reverse("perf:summary-detail", args=[summary.pk]))

    assert page.text.count(">Write this goal again<") == 2
    assert re.search(r"written in \d+\.\d s", page.text)  # the run's latency
    assert f'href="{piece_url(summary, review, "title")}"' in page.text
    assert f'href="{reverse("perf:narrative-edit", args=[summary.pk])}"' in page.text
    shown = ReviewPoint.objects.filter(review__summary=summary, removed=False)
    assert page.text.count(">Remove<") == shown.count() > 0
