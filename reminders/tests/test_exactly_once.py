"""Each reminder goes out once per user, kind and day: with two workers sweeping at the
same moment, and through SMTP failures, which are retried later rather than lost."""

import datetime
import smtplib
import threading
from collections import Counter

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.db import connection

from reminders import services
from reminders.models import Kind, SentReminder

from .helpers import TUESDAY, at, make_reminded_user

USERS = 12


@pytest.mark.django_db(transaction=True)
def test_two_workers_sweeping_at_once_send_each_user_one_nudge(
    email_on, monkeypatch, worker_connections
):
    for number in range(USERS):
        make_reminded_user(f"user-{number}", email=f"user-{number}@example.com")
    if hasattr(worker_connections, "copy"):
        worker_connections.copy()
    # Both sweeps have read who is due before either claims: each tries every user.
    both_read = threading.Barrier(2, timeout=30)
    claim = services.claim_reminder
    first_claims = threading.local()

    def claim_together(*args):
        if not getattr(first_claims, "done", False):
            first_claims.done = True
            both_read.wait()
        return claim(*args)

    monkeypatch.setattr(services, "claim_reminder", claim_together)
    now = at(TUESDAY, "17:00")
    sent, errors = [], []

    def sweep():
        worker_connections.enter()
        try:
            sent.append(services.send_due_reminders(now))
        except Exception as error:  # pragma: no cover - shown by the assertion below
            errors.append(error)
        finally:
            connection.close()

    workers = [threading.Thread(target=sweep) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)

    assert errors == []
    assert sum(sent) == USERS
    assert Counter(to for message in mail.outbox for to in message.to) == Counter(
        {f"user-{number}@example.com": 1 for number in range(USERS)}
    )
    assert worker_connections.statuses() == ["sent"] * USERS


class FailingBackend(EmailBackend):
    """Django's outbox, behind an SMTP server that refuses the next `refusals` messages."""

    refusals = 0

    def send_messages(self, messages):
        if FailingBackend.refusals:
            FailingBackend.refusals -= 1
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


@pytest.fixture
def flaky_smtp(email_on):
    email_on.MAILERS = {"default": {"BACKEND": f"{__name__}.FailingBackend"}}
    FailingBackend.refusals = 0
    return FailingBackend


@pytest.mark.django_db
def test_a_refused_send_is_retried_later_and_sent_once(flaky_smtp):
    make_reminded_user()
    flaky_smtp.refusals = 1

    assert services.send_due_reminders(at(TUESDAY, "17:00")) == 0
    row = SentReminder.objects.get()
    assert (row.status, row.attempts, row.error) == ("failed", 1, "SMTPServerDisconnected")
    assert row.retry_after == at(TUESDAY, "17:05")

    assert services.send_due_reminders(at(TUESDAY, "17:04")) == 0  # not yet
    assert services.send_due_reminders(at(TUESDAY, "17:05")) == 1
    assert services.send_due_reminders(at(TUESDAY, "17:06")) == 0
    assert len(mail.outbox) == 1
    row.refresh_from_db()
    assert (row.status, row.attempts) == ("sent", 2)


@pytest.mark.django_db
def test_it_gives_up_after_five_refused_tries(flaky_smtp):
    make_reminded_user()
    flaky_smtp.refusals = 99
    now = at(TUESDAY, "17:00")

    for _ in range(10):
        services.send_due_reminders(now)
        now += datetime.timedelta(hours=1)

    row = SentReminder.objects.get()
    assert (row.status, row.attempts) == ("failed", services.MAX_ATTEMPTS)
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_nudge_claimed_by_a_worker_that_died_is_not_sent_again(email_on):
    user = make_reminded_user()
    SentReminder.objects.create(
        user=user, kind=Kind.NUDGE, local_date=TUESDAY, claimed_at=at(TUESDAY, "17:00")
    )

    assert services.send_due_reminders(at(TUESDAY, "19:00")) == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_retry_the_fact_made_needless_is_not_sent(flaky_smtp):
    from conftest import make_entry

    user = make_reminded_user()
    flaky_smtp.refusals = 1
    services.send_due_reminders(at(TUESDAY, "17:00"))
    make_entry(user, date=TUESDAY)

    assert services.send_due_reminders(at(TUESDAY, "18:00")) == 0
    assert mail.outbox == []
