"""Runs a journal file holds half-written (issue 13): a summary or weekly summary still
pending or running when exported comes in failed, with a reason the page shows, rewriting
nothing, never "Writing" for ever; a dry run says which would; done and failed runs come in
as they were."""

import pytest
from django.urls import reverse

from perf.models import PerfSummary, SummaryStatus, WeekSummary

from .hostile_files import nothing_of, write_json
from .journal_io import import_file

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("status", [SummaryStatus.PENDING, SummaryStatus.RUNNING])
def test_a_summary_still_being_written_comes_in_failed_with_a_reason(
    carol, backup, tmp_path, status, client_for
):
    record = backup["summaries"][0]
    record.update(status=status, finished_at=None, rewriting_review_id=None)
    backup["week_summaries"][0].update(status=status, finished_at=None)

    report = import_file(carol, write_json(tmp_path, backup))

    summary = PerfSummary.objects.get(user=carol)
    week = WeekSummary.objects.get(user=carol)
    reason = "This summary was still being written when it was exported; write it again."
    for run in (summary, week):
        assert run.status == SummaryStatus.FAILED
        assert run.error == reason
        assert run.finished_at is not None
    assert "2 summaries were still being written when they were exported" in report
    page = client_for(carol).get(reverse("perf:summary-detail", args=[summary.pk]))
    assert reason in page.content.decode()


def test_a_summary_rewriting_one_goal_comes_in_failed_and_rewriting_nothing(
    carol, backup, tmp_path
):
    record = backup["summaries"][0]
    record.update(status="pending", rewriting_review_id=record["goal_reviews"][0]["id"])

    import_file(carol, write_json(tmp_path, backup), dry_run=False)

    summary = PerfSummary.objects.get(user=carol)
    assert summary.status == SummaryStatus.FAILED and summary.rewriting_review_id is None
    # The written part survives, to be rewritten when the user asks.
    assert summary.goal_reviews.count() == len(record["goal_reviews"])


def test_a_dry_run_says_which_runs_would_come_in_failed(carol, backup, tmp_path):
    backup["summaries"][0]["status"] = "running"

    report = import_file(carol, write_json(tmp_path, backup), dry_run=True)

    assert "1 summary was still being written when it was exported" in report
    assert nothing_of(carol)


def test_done_and_failed_runs_come_in_as_they_were(carol, backup, tmp_path):
    backup["week_summaries"][0].update(status="failed", error="The model timed out.")

    report = import_file(carol, write_json(tmp_path, backup))

    assert PerfSummary.objects.get(user=carol).status == SummaryStatus.DONE
    assert WeekSummary.objects.get(user=carol).error == "The model timed out."
    assert "still being written" not in report
