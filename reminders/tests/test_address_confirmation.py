"""Reminders go only to an address its owner confirmed, by the link mailed to it."""

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse

from conftest import make_user
from reminders import confirmation
from reminders.models import ReminderPreferences
from reminders.services import send_due_reminders

from .helpers import TUESDAY, at, make_reminded_user

pytestmark = pytest.mark.django_db

SETTINGS_URL = reverse("journal:profile")
SAVE_URL = reverse("reminders:preferences")
SEND_URL = reverse("reminders:send-confirmation")
LINK = re.compile(r"https://perf\.example\.com(/reminders/confirm/[^/\s\"]+/)")


def form(email, **fields):
    return {"email": email, "nudge": "on", "nudge_time": "17:00", "digest_time": "16:00", **fields}


def link_in(message) -> str:
    [path] = set(LINK.findall(message.body))
    assert f'href="https://perf.example.com{path}"' in message.alternatives[0].content
    return path


def state(user):
    user.refresh_from_db()
    preferences = ReminderPreferences.objects.get(user=user)
    return user.email, preferences.confirmed_email, preferences.pending_email


def test_a_changed_address_gets_a_link_and_no_reminder_until_it_is_confirmed(client_for, email_on):
    user = make_reminded_user("ann", email="old@example.com")

    response = client_for(user).post(SAVE_URL, form("new@example.com"), follow=True)

    assert "We sent a link to new@example.com: open it to confirm the address." in response.text
    [message] = mail.outbox
    assert message.to == ["new@example.com"]
    assert message.subject == "Perf Assist: confirm your e-mail address"
    assert "send the reminders of the account ann to new@example.com" in message.body
    assert message.alternatives[0].mimetype == "text/html"
    link_in(message)
    # The account keeps its confirmed address, and its reminders, meanwhile.
    assert state(user) == ("old@example.com", "old@example.com", "new@example.com")
    page = client_for(user).get(SETTINGS_URL).text
    assert "Reminders go to old@example.com." in page
    assert "We sent a link to new@example.com: open it to confirm." in page
    assert 'value="new@example.com"' in page  # the form shows the address waiting
    mail.outbox.clear()

    send_due_reminders(at(TUESDAY, "17:00"))

    assert [message.to for message in mail.outbox] == [["old@example.com"]]


def test_a_first_address_gets_no_reminder_before_it_is_confirmed(client_for, email_on):
    user = make_user()
    client_for(user).post(SAVE_URL, form("ann@example.com"))
    mail.outbox.clear()

    assert send_due_reminders(at(TUESDAY, "18:00")) == 0
    assert mail.outbox == []
    page = client_for(user).get(SETTINGS_URL).text
    assert "We sent a link to ann@example.com: open it to confirm." in page
    assert "Reminders go to" not in page


def test_the_link_confirms_by_post_without_a_login_and_reminders_follow(client_for, email_on):
    user = make_user()
    client_for(user).post(SAVE_URL, form("ann@example.com"))
    path = link_in(mail.outbox[0])
    mail.outbox.clear()
    browser = Client(enforce_csrf_checks=True)  # logged out, and the CSRF check is on

    asked = browser.get(path)
    assert asked.status_code == 200
    assert "Is ann@example.com yours" in asked.text
    assert '<form method="post">' in asked.text
    assert state(user) == ("", "", "ann@example.com")  # a GET writes nothing

    token = browser.cookies["csrftoken"].value
    response = browser.post(path, {"csrfmiddlewaretoken": token})

    assert response.status_code == 200
    assert "Your address is confirmed" in response.text
    assert state(user) == ("ann@example.com", "ann@example.com", "")
    assert send_due_reminders(at(TUESDAY, "17:00")) == 1
    assert mail.outbox[0].to == ["ann@example.com"]
    # Posting it again changes nothing and says so.
    again = browser.post(path, {"csrfmiddlewaretoken": token})
    assert again.status_code == 200
    assert state(user) == ("ann@example.com", "ann@example.com", "")


def test_a_get_of_the_link_writes_nothing(client, email_on):
    user = make_user()
    confirmation.request_confirmation(user, "ann@example.com")
    path = link_in(mail.outbox[0])
    before = ReminderPreferences.objects.get(user=user).updated_at

    client.get(path)
    client.head(path)

    assert state(user) == ("", "", "ann@example.com")
    assert ReminderPreferences.objects.get(user=user).updated_at == before


def test_a_tampered_link_is_refused_and_changes_nothing(client, email_on):
    ann = make_user("ann")
    bob = make_user("bob")
    confirmation.request_confirmation(ann, "ann@example.com")
    token = confirmation.confirmation_token(ann, "ann@example.com")
    rest = token.split(":", 1)[1]
    other = confirmation.confirmation_token(bob, "ann@example.com").split(":", 1)[0]

    for bad in (f"{other}:{rest}", token[:-2], "not-a-token"):
        response = client.post(reverse("reminders:confirm", args=[bad]))
        assert response.status_code == 400
        assert "This link does not work" in response.text
    assert state(ann) == ("", "", "ann@example.com")
    assert not ReminderPreferences.objects.filter(user=bob).exists()


def test_an_unsubscribe_token_is_no_confirmation(client, email_on):
    from reminders.services import unsubscribe_token

    user = make_reminded_user(confirmed=False)

    response = client.post(reverse("reminders:confirm", args=[unsubscribe_token(user, "nudge")]))

    assert response.status_code == 400
    assert state(user) == ("ann@example.com", "", "")


def test_an_expired_link_says_so_and_changes_nothing(client, email_on):
    user = make_user()
    with time_machine.travel(datetime.datetime(2026, 11, 1, tzinfo=datetime.UTC), tick=False):
        confirmation.request_confirmation(user, "ann@example.com")
        path = link_in(mail.outbox[0])

    with time_machine.travel(datetime.datetime(2026, 11, 4, 1, tzinfo=datetime.UTC)):
        response = client.post(path)

    assert response.status_code == 400
    assert "This link has expired" in response.text
    assert "work for 3 days" in response.text
    assert state(user) == ("", "", "ann@example.com")


def test_a_link_to_an_address_changed_since_is_stale(client, email_on, time_machine):
    user = make_reminded_user(email="old@example.com")
    time_machine.move_to(datetime.datetime(2026, 11, 24, 9, tzinfo=datetime.UTC), tick=False)
    confirmation.request_confirmation(user, "first@example.com")
    time_machine.shift(confirmation.RESEND_INTERVAL)
    confirmation.request_confirmation(user, "second@example.com")
    first, second = (link_in(message) for message in mail.outbox)

    for method in (client.get, client.post):
        response = method(first)
        assert response.status_code == 400
        assert "This link is out of date" in response.text
    assert state(user) == ("old@example.com", "old@example.com", "second@example.com")

    assert client.post(second).status_code == 200
    assert state(user) == ("second@example.com", "second@example.com", "")


def test_going_back_to_the_accounts_address_makes_the_other_link_stale(client_for, email_on):
    user = make_reminded_user(email="old@example.com")
    client = client_for(user)
    client.post(SAVE_URL, form("new@example.com"))
    path = link_in(mail.outbox[0])

    client.post(SAVE_URL, form("old@example.com"))

    assert len(mail.outbox) == 1
    assert client.post(path).status_code == 400
    assert state(user) == ("old@example.com", "old@example.com", "")


def test_saving_other_choices_does_not_mail_the_waiting_address_again(client_for, email_on):
    user = make_user()
    client = client_for(user)
    client.post(SAVE_URL, form("ann@example.com"))

    client.post(SAVE_URL, form("ann@example.com", digest="on"))

    assert len(mail.outbox) == 1
    assert ReminderPreferences.objects.get(user=user).digest is True


def test_clearing_the_address_takes_it_away(client_for, email_on):
    user = make_reminded_user(nudge=False)

    client_for(user).post(SAVE_URL, form("", nudge=""))

    assert state(user) == ("", "", "")
    assert mail.outbox == []


def test_the_mail_is_in_the_users_language(email_on):
    user = make_user(language="ru")

    assert confirmation.request_confirmation(user, "ann@example.com") == "sent"

    [message] = mail.outbox
    assert '<html lang="ru">' in message.alternatives[0].content


def test_the_link_page_speaks_the_users_language(client, email_on):
    user = make_user(language="ru")
    confirmation.request_confirmation(user, "ann@example.com")

    response = client.get(link_in(mail.outbox[0]))

    assert '<html lang="ru">' in response.text
