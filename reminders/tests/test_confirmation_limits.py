"""The sweep skips an address not confirmed; confirmation mails are limited, one per user and
RESEND_INTERVAL; an address set elsewhere is confirmed from Settings."""

import re
import smtplib

import pytest
from django.core import mail
from django.urls import reverse

from conftest import make_user
from reminders import confirmation
from reminders.models import ReminderPreferences
from reminders.services import send_due_reminders

from .helpers import FRIDAY, TUESDAY, at, make_reminded_user

pytestmark = pytest.mark.django_db

SAVE_URL = reverse("reminders:preferences")
SEND_URL = reverse("reminders:send-confirmation")
LINK = re.compile(r"https://perf\.example\.com(/reminders/confirm/[^/\s\"]+/)")


def form(email):
    return {"email": email, "nudge": "on", "nudge_time": "17:00", "digest_time": "16:00"}


def test_the_sweep_skips_an_address_not_confirmed(email_on):
    make_reminded_user("set-in-admin", email="admin-set@example.com", confirmed=False)
    changed = make_reminded_user("changed", email="was@example.com", digest=True)
    changed.email = "changed-in-admin@example.com"  # after its owner confirmed another
    changed.save(update_fields=["email"])
    make_reminded_user("fine", email="fine@example.com")

    send_due_reminders(at(FRIDAY, "18:00"))

    assert [message.to for message in mail.outbox] == [["fine@example.com"]]


def test_an_address_set_elsewhere_is_confirmed_from_settings(client_for, client, email_on):
    user = make_reminded_user(confirmed=False)

    response = client_for(user).post(SEND_URL, follow=True)

    assert "We sent a link to ann@example.com: open it to confirm the address." in response.text
    assert "Send the link again" in response.text
    [message] = mail.outbox
    assert message.to == ["ann@example.com"]
    [path] = set(LINK.findall(message.body))
    mail.outbox.clear()
    assert send_due_reminders(at(TUESDAY, "17:00")) == 0

    client.logout()
    assert client.post(path).status_code == 200

    assert ReminderPreferences.objects.get(user=user).confirmed_email == "ann@example.com"
    assert send_due_reminders(at(TUESDAY, "17:00")) == 1


def test_one_confirmation_mail_per_ten_minutes(client_for, email_on, time_machine):
    time_machine.move_to(at(TUESDAY, "09:00"), tick=False)
    user = make_user()
    client = client_for(user)
    client.post(SAVE_URL, form("ann@example.com"))

    again = client.post(SEND_URL, follow=True)
    other = client.post(SAVE_URL, form("victim@example.com"), follow=True)

    assert [message.to for message in mail.outbox] == [["ann@example.com"]]
    assert "one went out less than 10 minutes ago" in again.text
    assert "No link was sent to victim@example.com" in other.text
    assert ReminderPreferences.objects.get(user=user).pending_email == "ann@example.com"

    time_machine.shift(confirmation.RESEND_INTERVAL)
    client.post(SAVE_URL, form("bob@example.com"))

    assert [message.to for message in mail.outbox] == [["ann@example.com"], ["bob@example.com"]]


def test_the_limit_is_per_user(email_on):
    ann, bob = make_user(), make_user()

    outcomes = [
        confirmation.request_confirmation(ann, "a@example.com"),
        confirmation.request_confirmation(bob, "b@example.com"),
        confirmation.request_confirmation(ann, "a@example.com"),
    ]

    assert outcomes == ["sent", "sent", "too-soon"]


def test_without_email_url_no_link_is_sent_and_settings_says_so(client_for, settings):
    assert settings.EMAIL_CONFIGURED is False
    user = make_reminded_user(confirmed=False)

    response = client_for(user).post(SEND_URL, follow=True)

    assert mail.outbox == []
    assert "E-mail is not configured on this server, so no link was sent to confirm." in (
        response.text
    )
    assert ReminderPreferences.objects.get(user=user).pending_email == ""


class RefusingBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


def test_a_refused_mail_leaves_no_address_waiting_and_no_limit(client_for, email_on):
    email_on.MAILERS = {"default": {"BACKEND": f"{__name__}.RefusingBackend"}}
    user = make_reminded_user()

    response = client_for(user).post(SAVE_URL, form("new@example.com"), follow=True)

    assert "The mail to confirm new@example.com could not be sent." in response.text
    preferences = ReminderPreferences.objects.get(user=user)
    assert (preferences.pending_email, preferences.confirmation_sent_at) == ("", None)


def test_it_needs_a_login_and_a_post(client, client_for, email_on):
    assert client.post(SEND_URL)["Location"].startswith(reverse("journal:login"))
    assert client_for(make_user()).get(SEND_URL).status_code == 405
    assert mail.outbox == []
