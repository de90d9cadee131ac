import datetime

import pytest
from django.core import mail
from django.urls import reverse

from conftest import make_user
from reminders.models import ReminderPreferences

from .helpers import make_reminded_user

pytestmark = pytest.mark.django_db

SETTINGS_URL = reverse("journal:profile")
SAVE_URL = reverse("reminders:preferences")


def form(**fields):
    return {
        "email": "ann@example.com",
        "nudge": "on",
        "nudge_time": "18:15",
        "digest_time": "15:00",
        **fields,
    }


def test_settings_says_when_the_server_has_no_email(client_for):
    client = client_for(make_user())

    response = client.get(SETTINGS_URL)

    assert response.status_code == 200
    assert "E-mail is not configured on this server, so reminders are off." in response.text
    assert f'action="{SAVE_URL}"' not in response.text


def test_settings_shows_the_reminders_off_and_the_address_to_confirm(client_for, email_on):
    user = make_user()
    user.email = "ann@example.com"  # set elsewhere (the admin, adduser): not confirmed
    user.save()

    response = client_for(user).get(SETTINGS_URL)

    assert '<section id="reminders" class="card">' in response.text
    assert "Reminders go to ann@example.com." not in response.text
    assert (
        "Reminders do not go to ann@example.com until you confirm that it is yours."
        in response.text
    )
    assert f'action="{reverse("reminders:send-confirmation")}"' in response.text
    assert "Send a confirmation link" in response.text
    assert f'action="{SAVE_URL}"' in response.text
    assert 'name="nudge" id="id_reminders_nudge">' in response.text  # unchecked
    assert 'value="17:00"' in response.text  # REMINDER_NUDGE_TIME's default, offered
    assert not ReminderPreferences.objects.exists()  # a GET writes nothing


def test_settings_says_where_reminders_go_once_the_address_is_confirmed(client_for, email_on):
    user = make_reminded_user()

    response = client_for(user).get(SETTINGS_URL)

    assert "Reminders go to ann@example.com." in response.text
    assert "Send a confirmation link" not in response.text
    assert "open it to confirm" not in response.text


def test_a_user_without_an_address_is_told_and_can_enter_one(client_for, email_on):
    client = client_for(make_user())

    response = client.get(SETTINGS_URL)

    assert "Your account has no e-mail address yet: enter one below" in response.text
    assert 'type="email" name="email"' in response.text


def test_saving_turns_the_nudge_on_and_mails_a_link_to_the_address(client_for, email_on):
    user = make_user()

    response = client_for(user).post(SAVE_URL, form())

    assert response.status_code == 302
    assert response["Location"] == SETTINGS_URL + "#reminders"
    preferences = ReminderPreferences.objects.get(user=user)
    assert (preferences.nudge, preferences.nudge_time, preferences.digest) == (
        True,
        datetime.time(18, 15),
        False,
    )
    assert preferences.pending_email == "ann@example.com"
    [message] = mail.outbox
    assert message.to == ["ann@example.com"]
    user.refresh_from_db()
    assert user.email == ""  # the account's address changes when the link is followed


def test_turning_a_reminder_on_without_an_address_is_refused(client_for, email_on):
    user = make_user()

    response = client_for(user).post(SAVE_URL, form(email=""))

    assert response.status_code == 422
    assert "Reminders need an address to go to: enter your e-mail." in response.text
    assert "<h1>Settings</h1>" in response.text  # the whole page, the error in its place
    assert not ReminderPreferences.objects.exists()


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"nudge_time": "25:99"}, "Enter the time as hours and minutes, such as 17:30."),
        ({"email": "not an address"}, "Enter an e-mail address such as ann@example.com."),
    ],
)
def test_bad_input_shows_its_error_and_changes_nothing(client_for, email_on, fields, error):
    user = make_reminded_user(nudge=False, nudge_time="09:00")

    response = client_for(user).post(SAVE_URL, form(**fields))

    assert response.status_code == 422
    assert error in response.text
    preferences = ReminderPreferences.objects.get(user=user)
    assert (preferences.nudge, preferences.nudge_time) == (False, datetime.time(9))
    user.refresh_from_db()
    assert user.email == "ann@example.com"


def test_it_takes_only_post(client_for, email_on):
    assert client_for(make_user()).get(SAVE_URL).status_code == 405


def test_it_needs_a_login(client):
    response = client.post(SAVE_URL, form())

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("journal:login"))
    assert not ReminderPreferences.objects.exists()


def test_settings_shows_the_users_reminders_in_their_time_zone(client_for, email_on):
    user = make_reminded_user(time_zone="Asia/Tokyo", nudge_time="18:45")

    response = client_for(user).get(SETTINGS_URL)

    assert 'name="nudge" id="id_reminders_nudge" checked>' in response.text
    assert 'value="18:45"' in response.text
    assert "In your time zone, Asia/Tokyo." in response.text
