"""Odd input on perf's ways in (the summary form and its evidence panel, week cards, goals,
edits of a summary, polish, the API and the commands): dates outside the supported range,
weeks not written 2026-W47, text with nothing visible are refused with a 400 or a form error
that says why, never a 500, and nothing is written or queued."""

import datetime
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from conftest import api_client, make_entry, make_goal, make_summary, make_user
from perf.models import Goal, PerfSummary, WeekSummary

from .conftest import piece_url, point_citing, written

pytestmark = pytest.mark.django_db
D = datetime.date
HTMX = {"HX-Request": "true"}
INDEX = reverse("perf:summary-index")
RANGE_MESSAGE = "is outside the dates Perf Assist keeps (1 Jan 1970 to 31 Dec 2100)."
# Periods that pages once accepted and then could not show (their weeks ran off the calendar).
FAR_PERIODS = [
    (D(1, 1, 1), D(1, 3, 1)),
    (D(9999, 10, 1), D(9999, 12, 31)),
    (D(1969, 11, 1), D(1969, 12, 31)),
]


def with_facts(user, start, end):
    """Facts on both ends of a period, kept the way an older version let them in."""
    make_entry(user, text="Shipped it", date=start)
    make_entry(user, text="Shipped it again", date=end)


# --- The summary form and its evidence ---


@pytest.mark.parametrize(("start", "end"), FAR_PERIODS)
def test_a_summary_of_a_period_outside_the_range_is_refused(alice_client, user, start, end):
    with_facts(user, start, end)

    response = alice_client.post(
        INDEX,
        {"preset": "custom", "start": start, "end": end, "role": "engineer", "language": "en"},
    )

    assert response.status_code == 422
    assert RANGE_MESSAGE in response.text
    assert not PerfSummary.objects.exists()
    assert not DBTaskResult.objects.exists()


@pytest.mark.parametrize(("start", "end"), FAR_PERIODS)
def test_the_evidence_panel_says_the_period_is_outside_the_range(alice_client, user, start, end):
    with_facts(user, start, end)

    response = alice_client.get(
        reverse("perf:summary-evidence"),
        {"preset": "custom", "start": start, "end": end},
        headers=HTMX,
    )

    assert response.status_code == 200  # the panel, swapped in, says why it is empty
    assert RANGE_MESSAGE in response.text
    assert "Shipped it" not in response.text


def test_a_summary_kept_from_before_the_range_still_shows(alice_client, user):
    summary = make_summary(user, start=D(9999, 10, 1), end=D(9999, 12, 31), status="done")

    page = alice_client.get(reverse("perf:summary-detail", args=[summary.pk]))
    listed = api_client(user).get(f"/api/perf/summaries/{summary.pk}")

    assert page.status_code == 200
    assert listed.status_code == 200 and listed.json()["period_start"] == "9999-10-01"


@pytest.mark.parametrize(("start", "end"), FAR_PERIODS)
def test_the_api_refuses_a_summary_outside_the_range(start, end):
    user = make_user()
    with_facts(user, start, end)

    response = api_client(user).post(
        "/api/perf/summary",
        {"period_start": start.isoformat(), "period_end": end.isoformat()},
        content_type="application/json",
    )

    assert response.status_code == 400
    assert RANGE_MESSAGE in response.json()["detail"][0]["msg"]
    assert not PerfSummary.objects.exists()


def test_the_command_refuses_a_period_outside_the_range():
    user = make_user("ann")
    with_facts(user, D(1, 1, 1), D(1, 3, 1))

    with pytest.raises(CommandError, match="0001-01-01 is outside the dates Perf Assist keeps"):
        call_command(
            "generate_summary", "--user", "ann", "--start", "0001-01-01", "--end", "0001-03-01",
            stdout=StringIO(),
        )  # fmt: skip
    with pytest.raises(CommandError, match="2026-02-30 is not a date; write it as 2026-11-24."):
        call_command(
            "generate_summary", "--user", "ann", "--start", "2026-02-30", "--end", "2026-03-01",
            stdout=StringIO(),
        )  # fmt: skip
    assert not PerfSummary.objects.exists()


# --- Weeks ---


@pytest.mark.parametrize(
    ("week", "message"),
    [
        ("2026W47", "2026W47 is not an ISO week; write it as 2026-W47."),
        ("2026-w47", "2026-w47 is not an ISO week; write it as 2026-W47."),
        ("2026-W4", "2026-W4 is not an ISO week; write it as 2026-W47."),
        ("2026-W60", "2026-W60 is not an ISO week; write it as 2026-W47."),
        ("0000-W01", "0000-W01 is not an ISO week; write it as 2026-W47."),
        ("99999-W01", "99999-W01 is not an ISO week; write it as 2026-W47."),
        ("9999-W52", f"9999-W52 {RANGE_MESSAGE}"),
        ("0001-W01", f"0001-W01 {RANGE_MESSAGE}"),
        ("1969-W51", f"1969-W51 {RANGE_MESSAGE}"),
    ],
)
@pytest.mark.parametrize("method", ["get", "post"])
def test_a_week_card_of_an_odd_week_is_a_400_that_says_why(alice_client, week, message, method):
    response = getattr(alice_client, method)(reverse("perf:week", args=[week]), headers=HTMX)

    assert response.status_code == 400
    assert response.text == message
    assert not WeekSummary.objects.exists()


@pytest.mark.parametrize("week", ["1970-W01", "2100-W52"])
def test_the_weeks_at_the_ends_of_the_range_have_their_cards(alice_client, week):
    response = alice_client.get(reverse("perf:week", args=[week]), headers=HTMX)

    assert response.status_code == 200


@pytest.mark.parametrize("week", ["2026W47", "2026-w47", "9999-W52"])
def test_the_weekly_command_takes_only_a_canonical_week_in_the_range(week):
    make_user("ann")

    with pytest.raises(CommandError, match=f"^{week} is"):
        call_command("weekly_summary", "--user", "ann", "--week", week, stdout=StringIO())

    assert not WeekSummary.objects.exists()


# --- Text ---

INVISIBLE = ["\u200b", "\u200b\u2060 \ufeff"]


@pytest.mark.parametrize("title", INVISIBLE)
def test_a_goal_titled_with_nothing_visible_is_refused(alice_client, title):
    response = alice_client.post(reverse("perf:goal-list"), {"title": title, "status": "active"})

    assert response.status_code == 422
    assert "Write something: the text has no visible character." in response.text
    assert not Goal.objects.exists()


@pytest.mark.parametrize(
    "body",
    [
        {"title": "\u200b"},
        {"title": "Fast CI \ud800"},
        {"title": "Fast CI", "description": "\ud800"},
    ],
)
def test_the_api_refuses_a_goal_with_nothing_visible_or_a_broken_character(body):
    response = api_client(make_user()).post(
        "/api/goals", json.dumps(body), content_type="application/json"
    )

    assert response.status_code == 400
    [error] = response.json()["detail"]
    assert error["msg"] in (
        "Write something: the text has no visible character.",
        "The text holds a broken character (a lone surrogate, such as \\ud800): "
        "remove it and try again.",
    )
    assert not Goal.objects.exists()


def test_the_api_refuses_to_retitle_a_goal_with_nothing_visible():
    user = make_user()
    goal = make_goal(user=user, title="Fast CI", slug="ci")

    response = api_client(user).patch(
        f"/api/goals/{goal.pk}", {"title": "\u200b"}, content_type="application/json"
    )

    assert response.status_code == 400
    goal.refresh_from_db()
    assert goal.title == "Fast CI"


@pytest.mark.parametrize("part", ["bullet", "title", "context"])
def test_an_edited_piece_with_nothing_visible_is_refused(client_for, part):
    user = make_user()
    summary, _, facts = written(user)
    review = summary.goal_reviews.get(goal__slug="billing")
    point = point_citing(review, facts[0])
    before = (review.title, review.context, point.text)
    name = point.key if part == "bullet" else part

    response = client_for(user).post(piece_url(summary, review, name), {"text": "\u200b"})

    assert response.status_code == 422
    assert "Write something: the text has no visible character." in response.text
    review.refresh_from_db()
    point.refresh_from_db()
    assert (review.title, review.context, point.text) == before


def test_an_edited_narrative_with_nothing_visible_is_refused(client_for):
    user = make_user()
    summary, _, _ = written(user)
    before = summary.summary_text

    response = client_for(user).post(
        reverse("perf:narrative-edit", args=[summary.pk]), {"text": "\u200b\u200c"}
    )

    assert response.status_code == 422
    summary.refresh_from_db()
    assert summary.summary_text == before


def test_accepting_a_polished_text_with_nothing_visible_is_refused(client_for):
    user = make_user(language="en")
    entry = make_entry(user, text="Wrote the runbook")

    response = client_for(user).post(
        reverse("perf:polish-entry", args=[entry.pk]), {"accept": "1", "text": "\u200b"}
    )

    assert response.status_code == 422
    assert "Write something: the text has no visible character." in response.text
    entry.refresh_from_db()
    assert entry.text == "Wrote the runbook"


def test_a_week_written_in_other_digits_is_refused(alice_client):
    for week in ("\uff12026-W47", "2026-W\u0664\u0667"):
        assert alice_client.get(f"/perf/weeks/{week}/").status_code == 400
