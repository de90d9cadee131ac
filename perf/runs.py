"""One lifecycle for what the worker writes in the background (perf.models.Run): claim,
heartbeat, finish, fail, and the sweep that fails the runs of a worker that died.

- `claim` turns a pending (or failed) run into a running one owned by this process; only
  the owner may finish it, and only while it still runs (`Claim.owned`).
- `heartbeat` beats in a thread every RUN_HEARTBEAT_SECONDS while the run works, its wait
  on the model included, and fails the run when a stage passes its deadline.
- `fail_dead_runs`, run by every worker every RUN_SWEEP_SECONDS, fails the runs whose
  heartbeat stopped for RUN_STALE_SECONDS, and the task rows that were writing them.
"""

import contextlib
import dataclasses
import datetime
import logging
import threading
import time

import django.db
from django.conf import settings
from django.db import close_old_connections, connection, models
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .connection_checks import ConnectionCheck
from .import_runs import ImportRun
from .llm.base import overdue_reason
from .models import PerfSummary, Run, SummaryStatus, WeekSummary

logger = logging.getLogger(__name__)

RUN_MODELS = (PerfSummary, WeekSummary, ImportRun, ConnectionCheck)
# The tasks that write each kind of run (perf/tasks.py), by the path their rows record:
# by name, as the tasks build on this module and not the reverse.
TASK_RUNS = {
    "perf.tasks.write_summary": PerfSummary,
    "perf.tasks.write_week_task": WeekSummary,
    "perf.tasks.import_journal_task": ImportRun,
    "perf.tasks.check_llm_connection": ConnectionCheck,
}


class WorkerStopped(Exception):
    """Recorded on a task row whose worker died while it ran."""


@dataclasses.dataclass
class Claim:
    """A run this process claimed. `stage_seconds` is how long one stage (one generation
    with its retries and its repair) may take; `progress` starts the next stage."""

    model: type[Run]
    pk: object
    claimed_at: datetime.datetime
    stage_seconds: float
    overdue_reason: str = ""
    # The LLM layer ends a stage on time itself, with its own reason; this is for what it
    # cannot cut short (an SDK waiting out a long Retry-After).
    grace: float = 10.0
    _deadline: float = 0.0

    def __post_init__(self):
        self._deadline = time.monotonic() + self.stage_seconds + self.grace

    @property
    def owned(self) -> models.QuerySet:
        """The run while it is still this claim's: not deleted, not failed by a sweep."""
        return self.model.objects.filter(
            pk=self.pk, status=SummaryStatus.RUNNING, started_at=self.claimed_at
        )

    def beat(self) -> bool:
        return bool(self.owned.update(heartbeat_at=timezone.now()))

    def progress(self) -> bool:
        """A stage is done (a week of a long period): the next one gets its own deadline."""
        self._deadline = time.monotonic() + self.stage_seconds + self.grace
        return self.beat()

    def overdue(self) -> bool:
        return time.monotonic() > self._deadline

    def finish(self, **fields) -> bool:
        return bool(
            self.owned.update(
                status=SummaryStatus.DONE, error="", finished_at=timezone.now(), **fields
            )
        )

    def fail(self, reason: str, **fields) -> bool:
        return bool(
            self.owned.update(
                status=SummaryStatus.FAILED,
                error=reason,
                finished_at=timezone.now(),
                **self.model.RESET_ON_FAIL,
                **fields,
            )
        )


def claim(run: Run, stage_seconds: float, grace: float = 10.0) -> Claim | None:
    """Take a pending or failed run; None when it runs elsewhere, is done or is gone."""
    model = type(run)
    now = timezone.now()
    claimed = model.objects.filter(
        pk=run.pk, status__in=[SummaryStatus.PENDING, SummaryStatus.FAILED]
    ).update(
        status=SummaryStatus.RUNNING, started_at=now, heartbeat_at=now, error="", finished_at=None
    )
    if not claimed:
        return None
    run.refresh_from_db()
    with translation.override(run.reason_language()):
        reason = overdue_reason(stage_seconds)
    return Claim(model, run.pk, now, stage_seconds, overdue_reason=reason, grace=grace)


@contextlib.contextmanager
def heartbeat(run_claim: Claim, every: float | None = None):
    """Beat for `run_claim` in a thread while the block runs; fail it once a stage passes
    its deadline (the block's own writes then find it no longer theirs)."""
    every = every if every is not None else settings.RUN_HEARTBEAT_SECONDS
    stop = threading.Event()

    def beat():
        try:
            while not stop.wait(every):
                try:
                    if run_claim.overdue():
                        run_claim.fail(run_claim.overdue_reason)
                        logger.warning(
                            "%s %s failed: past its deadline",
                            run_claim.model.__name__,
                            run_claim.pk,
                        )
                        return
                    if not run_claim.beat():
                        return  # finished, failed or deleted meanwhile
                except django.db.Error as error:  # locked or restarting: beat next time
                    logger.warning("heartbeat of %s not written: %s", run_claim.pk, error)
                    close_old_connections()
        finally:
            connection.close()

    thread = threading.Thread(target=beat, name=f"heartbeat-{run_claim.pk}", daemon=True)
    thread.start()
    try:
        yield run_claim
    finally:
        stop.set()
        thread.join()


def reconnect_if_needed() -> None:
    """After a long wait on the model, drop a connection the database may have closed
    meanwhile (a restart), so that saving the answer opens a fresh one instead of failing.
    Not inside a transaction, whose connection must stay."""
    if not connection.in_atomic_block:
        connection.close_if_unusable_or_obsolete()


def fail_dead_runs(now: datetime.datetime | None = None) -> int:
    """Fail every run whose heartbeat stopped RUN_STALE_SECONDS ago (its worker died),
    with a reason in its language, and the task rows that were writing them."""
    now = now or timezone.now()
    quiet_since = now - datetime.timedelta(seconds=settings.RUN_STALE_SECONDS)
    silent = models.Q(heartbeat_at__lt=quiet_since) | models.Q(
        models.Q(started_at__lt=quiet_since) | models.Q(started_at__isnull=True),
        heartbeat_at__isnull=True,
    )
    failed = 0
    for model in RUN_MODELS:
        for run in model.objects.filter(silent, status=SummaryStatus.RUNNING).select_related(
            "user"
        ):
            with translation.override(run.reason_language()):
                reason = _(
                    "The worker writing this stopped before it was done (it was restarted "
                    "or killed). Nothing was saved; try again."
                )
            failed += model.objects.filter(
                pk=run.pk, status=SummaryStatus.RUNNING, heartbeat_at=run.heartbeat_at
            ).update(
                status=SummaryStatus.FAILED,
                error=reason,
                finished_at=now,
                **model.RESET_ON_FAIL,
            )
    fail_orphaned_tasks(quiet_since)
    if failed:
        logger.warning("failed %d run(s) whose worker stopped", failed)
    return failed


def fail_orphaned_tasks(started_before: datetime.datetime) -> int:
    """Task rows still "running" whose run is no longer running (a worker died between
    the two, or its run was failed by a sweep) are marked failed, so none stays running."""
    from django_tasks_db.models import DBTaskResult

    models_by_task = TASK_RUNS
    rows = DBTaskResult.objects.running().filter(
        task_path__in=list(models_by_task), started_at__lt=started_before
    )
    failed = 0
    for row in rows:
        args = (row.args_kwargs or {}).get("args") or [None]
        model = models_by_task[row.task_path]
        if not model.objects.filter(pk=args[0], status=SummaryStatus.RUNNING).exists():
            row.set_failed(WorkerStopped(f"The worker running task {row.pk} stopped."))
            failed += 1
    return failed


class Sweeper(threading.Thread):
    """Runs fail_dead_runs every RUN_SWEEP_SECONDS in a worker, whatever the database
    does meanwhile: an error is logged and the next sweep tries again."""

    def __init__(self, every: float | None = None):
        super().__init__(name="run-sweeper", daemon=True)
        self.every = every if every is not None else settings.RUN_SWEEP_SECONDS
        self.stopped = threading.Event()

    def run(self):
        try:
            while True:  # a sweep at once: a restarted worker fails what the dead one left
                try:
                    fail_dead_runs()
                except django.db.Error as error:
                    logger.warning("sweep of stopped runs failed, trying again: %s", error)
                    connection.close()
                if self.stopped.wait(self.every):
                    return
        finally:
            connection.close()

    def stop(self):
        self.stopped.set()
