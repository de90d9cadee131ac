"""What the worker runs, and how a summary or a week is queued for it. Services and
models never import this module: the queue builds on them, not the reverse."""

import datetime

from django.db import transaction
from django.tasks import task

from .connection_checks import ConnectionCheck
from .import_runs import ImportRun
from .models import PerfSummary, SummaryStatus, WeekSummary
from .portability.upload_run import run_import
from .services.connection import run_check
from .services.summaries import run_summary
from .services.weeks import week_defaults, write_week


@task(queue_name="llm")
def write_summary(summary_id: str):
    """Write a pending summary; PerfSummary.status, not the task row, is what the UI reads."""
    summary = PerfSummary.objects.filter(pk=summary_id, status=SummaryStatus.PENDING).first()
    if summary is not None:  # deleted meanwhile, or already written by another worker
        run_summary(summary)


@task(queue_name="llm")
def write_week_task(week_summary_id: str):
    """Write a pending weekly summary."""
    summary = WeekSummary.objects.filter(pk=week_summary_id, status=SummaryStatus.PENDING).first()
    if summary is not None:
        write_week(summary)


@task()
def import_journal_task(import_run_id: str):
    """Import an uploaded journal file (on the default queue: no model is asked)."""
    run = ImportRun.objects.filter(pk=import_run_id, status=SummaryStatus.PENDING).first()
    if run is not None:
        run_import(run)


# Ahead of summaries waiting in the queue: someone is watching the page for it.
@task(queue_name="llm", priority=50)
def check_llm_connection(check_id: str):
    """The LLM settings page's connection test, in the worker: its configuration is the
    one summaries use."""
    check = ConnectionCheck.objects.filter(pk=check_id, status=SummaryStatus.PENDING).first()
    if check is not None:
        run_check(check)


def start_check(check: ConnectionCheck):
    """Queue a pending connection test, once the transaction that made it commits."""
    transaction.on_commit(lambda: check_llm_connection.enqueue(str(check.pk)))


def start_import(run: ImportRun):
    """Queue a pending import for the worker, once the transaction that made it commits."""
    transaction.on_commit(lambda: import_journal_task.enqueue(str(run.pk)))


def start_summary(summary: PerfSummary):
    """Queue a pending summary for the worker, once the transaction that made it commits."""
    transaction.on_commit(lambda: write_summary.enqueue(str(summary.pk)))


def request_week(user, monday: datetime.date, ui_language: str | None = None) -> WeekSummary:
    """The user's summary of that week, pending (queued for the worker) unless it is being
    written already."""
    defaults = week_defaults(user, ui_language)
    summary, created = WeekSummary.objects.get_or_create(
        user=user, week_start=monday, defaults=defaults
    )
    requeued = WeekSummary.objects.filter(
        pk=summary.pk, status__in=[SummaryStatus.DONE, SummaryStatus.FAILED]
    ).update(status=SummaryStatus.PENDING, error="", **defaults)
    if created or requeued:
        transaction.on_commit(lambda: write_week_task.enqueue(str(summary.pk)))
    summary.refresh_from_db()
    return summary
