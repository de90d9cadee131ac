import datetime
from io import StringIO

import pytest
from django.core.management import call_command

from conftest import make_entry, make_user
from perf.models import PerfSummary
from perf.services.summaries import create_summary
from perf.tasks import start_summary

pytestmark = pytest.mark.django_db
D = datetime.date


def run_worker():
    call_command(
        "run_worker", "--batch", "--queue-name", "*", "--no-startup-delay", stdout=StringIO(),
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
