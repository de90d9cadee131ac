import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from conftest import make_entry, make_user
from perf.models import PerfSummary
from perf.services import create_summary, fail_stuck_summaries, start_summary

pytestmark = pytest.mark.django_db
D = datetime.date


def run_worker():
    call_command(
        "db_worker", "--batch", "--queue-name", "*", "--no-startup-delay", stdout=StringIO(),
        stderr=StringIO(),
    )  # fmt: skip


# The worker closes its database connection when it is done, which would end a test's
# wrapping transaction on PostgreSQL: these tests commit for real and are flushed after.
@pytest.mark.django_db(transaction=True)
def test_the_worker_writes_a_queued_summary():
    user = make_user(language="en")
    make_entry(user, type="fact", text="Shipped search, p95 from 30 ms to 9 ms", date=D(2026, 3, 3))
    summary = create_summary(user, start=D(2026, 3, 1), end=D(2026, 3, 31))
    start_summary(summary)  # autocommit: queued at once
    assert PerfSummary.objects.get().status == "pending"

    run_worker()

    summary.refresh_from_db()
    assert summary.status == "done"
    assert summary.goal_reviews.count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_summary_queued_twice_is_written_once(fake_llm, monkeypatch, settings):
    monkeypatch.setenv("ANTHROPIC_BASE_URL", fake_llm.url)
    settings.ANTHROPIC_API_KEY = "k"
    user = make_user()
    make_entry(user, type="fact", text="Shipped search", date=D(2026, 3, 3))
    fake_llm.answer({"summary_text": "ok", "goals": []})
    fake_llm.answer({"summary_text": "a second, unwanted run", "goals": []})
    summary = create_summary(user, start=D(2026, 3, 1), end=D(2026, 3, 31))
    start_summary(summary)
    start_summary(summary)  # a double click

    run_worker()

    summary.refresh_from_db()
    assert summary.status == "done"
    assert len(fake_llm.requests) == 1  # the second task found it written and did nothing
    assert summary.summary_text == "ok"


def test_a_summary_running_far_too_long_is_marked_failed(settings):
    settings.LLM_TIMEOUT, settings.LLM_MAX_RETRIES = 60, 2
    user = make_user(language="en")
    now = timezone.now()
    make_entry(user, date=D(2026, 3, 3))
    stuck = create_summary(user, start=D(2026, 3, 1), end=D(2026, 3, 31))
    fresh = create_summary(user, start=D(2026, 3, 1), end=D(2026, 3, 31))
    PerfSummary.objects.filter(pk=stuck.pk).update(
        status="running", started_at=now - datetime.timedelta(minutes=12)
    )
    PerfSummary.objects.filter(pk=fresh.pk).update(
        status="running", started_at=now - datetime.timedelta(minutes=3)
    )

    assert fail_stuck_summaries(user, now=now) == 1

    stuck.refresh_from_db()
    fresh.refresh_from_db()
    assert (stuck.status, fresh.status) == ("failed", "running")
    assert "far longer than the model's timeout" in stuck.error
