"""The worker (perf's run_worker) sends the reminders due, every REMINDERS_SWEEP_SECONDS."""

import pytest
from django.core import mail

from perf.management.commands import run_worker

from .helpers import TUESDAY, at, make_reminded_user


@pytest.mark.django_db(transaction=True)
def test_the_workers_reminder_sweep_sends_what_is_due(email_on, time_machine):
    time_machine.move_to(at(TUESDAY, "17:00"), tick=False)
    make_reminded_user()
    sweeper = run_worker.ReminderSweeper(every=60)
    sweeper.stop()  # so that run() sweeps once and returns, here in the test's thread

    sweeper.run()

    assert [message.to for message in mail.outbox] == [["ann@example.com"]]


def test_the_sweep_runs_every_minute_by_default(settings):
    assert settings.REMINDERS_SWEEP_SECONDS == 60
    assert run_worker.ReminderSweeper().every == 60


@pytest.mark.django_db(transaction=True)
def test_a_failed_sweep_is_logged_and_the_next_one_tries_again(monkeypatch, caplog):
    def broken(now=None):
        raise RuntimeError("the mail template is broken")

    monkeypatch.setattr(run_worker, "send_due_reminders", broken)
    sweeper = run_worker.ReminderSweeper(every=60)
    sweeper.stop()

    sweeper.run()  # does not raise: the thread lives on

    assert "reminder sweep failed" in caplog.text


@pytest.mark.parametrize(("batch", "swept"), [(False, True), (True, False)])
def test_a_lasting_worker_sweeps_reminders_and_a_batch_run_does_not(monkeypatch, batch, swept):
    events = []

    class Recorder:
        def __init__(self):
            self.name = type(self).__name__

        def start(self):
            events.append(f"{self.name} started")

        def stop(self):
            events.append(f"{self.name} stopped")

    monkeypatch.setattr(run_worker, "Sweeper", type("Runs", (Recorder,), {}))
    monkeypatch.setattr(run_worker, "ReminderSweeper", type("Reminders", (Recorder,), {}))
    monkeypatch.setattr(run_worker, "fail_dead_runs", lambda: None)
    monkeypatch.setattr(run_worker.db_worker.Worker, "run", lambda worker: None)
    worker = run_worker.LastingWorker(
        queue_names=["*"], excluded_queue_names=[], batch=batch, interval=1,
        backend_name="default", startup_delay=False, max_tasks=None, worker_id="w",
    )  # fmt: skip

    worker.run()

    assert ("Reminders started" in events) is swept
    assert events[-1] == "Reminders stopped"  # stopped when the worker stops, in any case
