"""Weekly summaries where users see them: at the head of each week in Feed, and on Today."""

import datetime

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from conftest import make_entry, make_user
from perf.llm import LLMConfig
from perf.models import WeekSummary
from perf.services.weeks import write_week

pytestmark = pytest.mark.django_db
D = datetime.date
MONDAY = D(2026, 3, 2)
FEED = reverse("journal:feed")
HTMX = {"HX-Request": "true"}


def written_week(user, monday=MONDAY):
    week = WeekSummary.objects.create(user=user, week_start=monday, language="en", role="engineer")
    return write_week(week, LLMConfig(provider="offline"))


def test_feed_heads_each_week_with_its_summary_or_the_offer_to_write_one(client_for):
    user = make_user(language="en")
    make_entry(user, text="Cut CI time from 20 to 8 minutes", date=MONDAY)
    make_entry(user, text="Work of the next week", date=MONDAY + datetime.timedelta(weeks=1))
    written_week(user)
    stranger = make_user()
    WeekSummary.objects.create(
        user=stranger, week_start=MONDAY + datetime.timedelta(weeks=1), language="en",
        role="engineer", status="done", bullets=[{"id": "x", "text": "Not yours",
                                                  "entry_ids": [], "unsupported": []}],
    )  # fmt: skip

    page = client_for(user).get(FEED).text

    assert page.count('class="week-card"') == 2
    assert page.index('id="week-2026-W11"') < page.index("Work of the next week")
    assert page.index('id="week-2026-W10"') < page.index('<div class="entry__text"><p>Cut CI')
    assert "<li>Cut CI time from 20 to 8 minutes</li>" in page
    assert "Summarise this week" in page  # W11 has none yet
    assert "Not yours" not in page


def test_a_changed_week_says_so(client_for):
    user = make_user(language="en")
    entry = make_entry(user, text="Wrote the runbook", date=MONDAY)
    written_week(user)
    entry.text = "Wrote the on-call runbook"
    entry.save()

    page = client_for(user).get(FEED).text

    assert "Entries of this week changed since this was written." in page


def test_a_week_written_without_facts_that_gets_one_says_it_changed(client_for):
    user = make_user(language="en")
    written_week(user)  # no facts yet
    make_entry(user, text="Shipped the fix", date=MONDAY)

    page = client_for(user).get(FEED).text

    assert "Entries of this week changed since this was written." in page


def test_search_results_are_not_headed_by_weeks(client_for):
    user = make_user(language="en")
    make_entry(user, text="Wrote the runbook", date=MONDAY)
    written_week(user)

    page = client_for(user).get(FEED, {"q": "runbook"}).text

    assert "week-card" not in page


@pytest.mark.django_db(transaction=True)  # the worker closes the connection on PostgreSQL
def test_asking_for_a_week_queues_it_and_the_card_polls(
    client_for, django_capture_on_commit_callbacks
):
    user = make_user(language="en")
    make_entry(user, text="Wrote the runbook", date=MONDAY)
    url = reverse("perf:week", args=["2026-W10"])
    client = client_for(user)

    with django_capture_on_commit_callbacks(execute=True):
        card = client.post(url, headers=HTMX)

    assert card.status_code == 200
    assert 'hx-trigger="every 2s"' in card.text and "Writing the summary of this week" in card.text
    assert DBTaskResult.objects.get().args_kwargs["args"] == [str(WeekSummary.objects.get().pk)]

    from django.core.management import call_command

    call_command("run_worker", "--batch", "--queue-name", "*", "--no-startup-delay")
    done = client.get(url, headers=HTMX)
    assert "hx-trigger" not in done.text and "<li>Wrote the runbook</li>" in done.text


def test_without_javascript_asking_for_a_week_returns_to_that_week_in_feed(client_for):
    user = make_user()
    response = client_for(user).post(reverse("perf:week", args=["2026-W10"]))
    assert response["Location"] == f"{FEED}?start=2026-03-02&end=2026-03-08"
    assert WeekSummary.objects.get().status == "pending"


def test_a_week_that_is_no_iso_week_is_a_400_in_plain_text(client_for):
    client = client_for(make_user())
    bad = client.get(reverse("perf:week", args=["2026-W99"]), headers=HTMX)
    injected = client.get(reverse("perf:week", args=["<meta http-equiv=refresh>"]))
    assert bad.status_code == injected.status_code == 400
    # The message names what was given, as text a browser does not render as HTML.
    assert injected["Content-Type"] == "text/plain; charset=utf-8"
    assert injected["X-Content-Type-Options"] == "nosniff"


def test_today_shows_the_summary_of_its_week(client_for):
    user = make_user(language="en")
    make_entry(user, text="Paired on the deploy", date=MONDAY + datetime.timedelta(days=2))
    written_week(user)

    page = client_for(user).get(reverse("journal:today"), {"date": "2026-03-04"}).text

    assert 'id="week-2026-W10"' in page and "<li>Paired on the deploy</li>" in page


def test_a_week_whose_worker_died_ends_failed_and_can_be_asked_for_again(client_for):
    from perf.runs import fail_dead_runs

    user = make_user(language="en")
    WeekSummary.objects.create(
        user=user, week_start=MONDAY, language="en", role="engineer", status="running",
        started_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC),
    )  # fmt: skip
    url = reverse("perf:week", args=["2026-W10"])
    client = client_for(user)

    fail_dead_runs()  # as the worker's sweep does
    card = client.get(url, headers=HTMX)
    again = client.post(url, headers=HTMX)

    assert "The worker writing this stopped" in card.text and "hx-trigger" not in card.text
    assert WeekSummary.objects.get().status == "pending"
    assert "Writing the summary of this week" in again.text
