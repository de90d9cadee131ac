import datetime

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from reminders.models import Kind, ReminderPreferences
from reminders.services import send_due_reminders, unsubscribe_token

from .helpers import FRIDAY, at, make_reminded_user

pytestmark = pytest.mark.django_db


def link(user, kind=Kind.NUDGE):
    return reverse("reminders:unsubscribe", args=[unsubscribe_token(user, kind)])


def preferences(user):
    found = ReminderPreferences.objects.get(user=user)
    return found.nudge, found.digest


@time_machine.travel(datetime.datetime(2026, 11, 27, 18, tzinfo=datetime.UTC), tick=False)
def test_each_mail_carries_its_own_unsubscribe_link_and_header(email_on):
    user = make_reminded_user(digest=True)

    send_due_reminders(at(FRIDAY, "18:00"))

    nudge, digest = mail.outbox
    for message, kind in ((nudge, Kind.NUDGE), (digest, Kind.DIGEST)):
        url = f"https://perf.example.com{link(user, kind)}"
        assert url in message.body
        assert message.extra_headers["List-Unsubscribe"] == f"<{url}>"
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert url in message.alternatives[0].content


def test_the_link_asks_first_without_a_login_and_changes_nothing(client):
    user = make_reminded_user(digest=True)

    response = client.get(link(user))

    assert response.status_code == 200
    assert "Stop the daily nudge to write what you did?" in response.text
    assert '<form method="post">' in response.text
    assert preferences(user) == (True, True)


def test_posting_the_link_stops_that_reminder_only(client):
    user = make_reminded_user(digest=True)

    response = client.post(link(user, Kind.DIGEST))

    assert response.status_code == 200
    assert "No more Friday digests." in response.text
    assert preferences(user) == (True, False)


def test_one_click_unsubscribe_from_a_mail_program_works_without_a_csrf_token():
    from django.test import Client

    user = make_reminded_user()
    mail_program = Client(enforce_csrf_checks=True)

    response = mail_program.post(link(user), {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    assert preferences(user) == (False, False)


def test_a_tampered_link_is_refused_and_changes_nothing(client):
    user = make_reminded_user()
    other = make_reminded_user(email="bob@example.com")
    token = unsubscribe_token(user, Kind.NUDGE)
    forged = token.replace(token.split(":")[0], unsubscribe_token(other, Kind.NUDGE).split(":")[0])

    for bad in (forged, token[:-2], "not-a-token"):
        response = client.post(reverse("reminders:unsubscribe", args=[bad]))
        assert response.status_code == 400
        assert "This link does not work" in response.text
    assert preferences(user) == preferences(other) == (True, False)


def test_an_expired_link_says_so(client):
    user = make_reminded_user()
    with time_machine.travel(datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC), tick=False):
        old = link(user)

    with time_machine.travel(datetime.datetime(2026, 6, 1, tzinfo=datetime.UTC), tick=False):
        response = client.post(old)

    assert response.status_code == 400
    assert "This link has expired" in response.text
    assert preferences(user) == (True, False)


def test_the_page_speaks_the_users_language(client):
    user = make_reminded_user(language="ru")

    response = client.get(link(user))

    assert '<html lang="ru">' in response.text


def test_it_takes_only_get_and_post(client):
    user = make_reminded_user()

    assert client.put(link(user)).status_code == 405
    assert preferences(user) == (True, False)
