"""`manage.py run_worker`: the background worker (django-tasks-db's db_worker, with its
options) made to last, plus the sweep that fails the runs of a worker that died and the
sweep that sends the e-mail reminders due (reminders/services.py; each goes out once
however many workers sweep).

db_worker stops at the first database error it does not expect: a PostgreSQL restart, or a
lock held past the busy timeout. This one logs the error, waits (1 s, doubling up to 30 s)
and carries on; the run it was writing, if any, is failed by the sweep (perf/runs.py).
"""

import logging
import os
import threading
import time

import django.db
from django.conf import settings
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands import db_worker

from perf import collector
from perf.runs import Sweeper, fail_dead_runs
from reminders.services import send_due_reminders

logger = logging.getLogger("perf.worker")

LONGEST_PAUSE = 30  # seconds between tries while the database is away


class ReminderSweeper(threading.Thread):
    """Sends the reminders due every REMINDERS_SWEEP_SECONDS, the first at once; an error
    is logged and the next sweep tries again. Not in --batch runs, which only empty the queue."""

    def __init__(self, every: float | None = None):
        super().__init__(name="reminder-sweeper", daemon=True)
        self.every = every if every is not None else settings.REMINDERS_SWEEP_SECONDS
        self.stopped = threading.Event()

    def run(self):
        try:
            while True:
                try:
                    send_due_reminders()
                except Exception:
                    logger.exception("reminder sweep failed, trying again")
                    django.db.connection.close()
                if self.stopped.wait(self.every):
                    return
        finally:
            django.db.connection.close()

    def stop(self):
        self.stopped.set()


class LastingWorker(db_worker.Worker):
    def run(self) -> None:
        sweeper, reminders = Sweeper(), ReminderSweeper()
        if self.batch:  # one pass over the queue: one sweep first is enough
            fail_dead_runs()
        else:
            sweeper.start()
            reminders.start()
        pause = 1
        try:
            while self.running:
                try:
                    super().run()
                    return  # --batch or --max-tasks: done
                except django.db.Error as error:
                    logger.error(
                        "The worker lost the database (%s: %s); trying again in %d s.",
                        type(error).__name__, error, pause,
                    )  # fmt: skip
                    django.db.connections.close_all()
                    time.sleep(pause)
                    pause = min(pause * 2, LONGEST_PAUSE)
        finally:
            sweeper.stop()
            reminders.stop()


class Command(db_worker.Command):
    help = (
        "Run the background worker that writes summaries and weeks; it survives database "
        "restarts and fails the runs of workers that died."
    )

    def handle(self, *, verbosity, queue_name, exclude_queues, reload, batch, **options):
        self.configure_logging(verbosity)
        if not batch:  # a worker that lasts, with Django and the apps loaded
            collector.settle()
        worker = LastingWorker(
            queue_names=queue_name.split(","),
            excluded_queue_names=exclude_queues.split(",") if exclude_queues else [],
            batch=batch,
            interval=options["interval"],
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
        )
        if reload and not batch:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()  # in the reloaded child only
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
