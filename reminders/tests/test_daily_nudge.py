import pytest
from django.core import mail

from conftest import make_entry, make_user
from journal.models import EntryType
from reminders.models import Kind, SentReminder
from reminders.services import preferences_of, send_due_reminders

from .helpers import FRIDAY, SATURDAY, TUESDAY, at, make_reminded_user

pytestmark = pytest.mark.django_db


def test_it_nudges_at_the_chosen_time_on_a_working_day_without_a_fact(email_on):
    user = make_reminded_user("ann", time_zone="Europe/Moscow", nudge_time="17:30")

    assert send_due_reminders(at(TUESDAY, "17:30", "Europe/Moscow")) == 1

    [message] = mail.outbox
    assert message.to == ["ann@example.com"]
    assert message.subject == "Perf Assist: what did you do today?"
    assert "You have written no fact for 24 Nov 2026 yet." in message.body
    assert "https://perf.example.com/today/" in message.body
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    assert '<a href="https://perf.example.com/today/">' in html
    row = SentReminder.objects.get()
    assert (row.user, row.kind, row.local_date, row.status) == (user, Kind.NUDGE, TUESDAY, "sent")


def test_it_sends_nothing_before_the_chosen_time(email_on):
    make_reminded_user(time_zone="Europe/Moscow", nudge_time="17:30")

    assert send_due_reminders(at(TUESDAY, "17:29", "Europe/Moscow")) == 0
    assert mail.outbox == []
    assert not SentReminder.objects.exists()


def test_each_user_is_nudged_at_their_own_local_time(email_on):
    make_reminded_user("tokyo", email="t@example.com", time_zone="Asia/Tokyo")
    make_reminded_user("york", email="ny@example.com", time_zone="America/New_York")

    # 17:00 in Tokyo is 08:00 UTC, when New York's Tuesday is still at 03:00.
    send_due_reminders(at(TUESDAY, "08:00"))
    assert [message.to for message in mail.outbox] == [["t@example.com"]]

    # 17:00 in New York is 22:00 UTC, already Wednesday 07:00 in Tokyo: sent, and Tokyo's
    # Tuesday nudge is not sent again.
    send_due_reminders(at(TUESDAY, "22:00"))
    assert [message.to for message in mail.outbox] == [["t@example.com"], ["ny@example.com"]]
    assert "24 Nov 2026" in mail.outbox[1].body


def test_the_local_date_counts_across_midnight_utc(email_on):
    user = make_reminded_user(time_zone="Pacific/Auckland", nudge_time="09:00")

    # 09:00 on Tuesday in Auckland is Monday 20:00 UTC.
    send_due_reminders(at(TUESDAY, "09:00", "Pacific/Auckland"))

    assert SentReminder.objects.get(user=user).local_date == TUESDAY


def test_a_fact_that_day_means_no_nudge_but_a_plan_does_not(email_on):
    wrote = make_reminded_user("wrote", email="w@example.com")
    planned = make_reminded_user("planned", email="p@example.com")
    make_entry(wrote, date=TUESDAY)
    make_entry(planned, date=TUESDAY, type=EntryType.PLAN, text="Plan the migration")
    make_entry(planned, date=FRIDAY, text="A fact on another day")

    send_due_reminders(at(TUESDAY, "18:00"))

    assert [message.to for message in mail.outbox] == [["p@example.com"]]


def test_there_is_no_nudge_at_the_weekend(email_on):
    make_reminded_user()

    assert send_due_reminders(at(SATURDAY, "18:00")) == 0
    assert mail.outbox == []


def test_it_nudges_once_a_day_however_often_the_worker_sweeps(email_on):
    make_reminded_user()

    for clock in ("17:00", "17:01", "20:00", "23:59"):
        send_due_reminders(at(TUESDAY, clock))

    assert len(mail.outbox) == 1


def test_reminders_are_off_by_default(email_on):
    user = make_user()
    user.email = "ann@example.com"
    user.save()

    assert send_due_reminders(at(FRIDAY, "23:00")) == 0
    assert mail.outbox == []
    preferences = preferences_of(user)
    assert (preferences.nudge, preferences.digest, preferences.pk) == (False, False, None)


def test_a_user_without_an_address_gets_nothing(email_on):
    make_reminded_user(email="")

    assert send_due_reminders(at(TUESDAY, "18:00")) == 0


def test_without_email_url_nothing_is_sent(settings):
    assert settings.EMAIL_CONFIGURED is False  # the suite's environment has no EMAIL_URL
    make_reminded_user(digest=True)

    assert send_due_reminders(at(FRIDAY, "18:00")) == 0
    assert mail.outbox == []
    assert not SentReminder.objects.exists()


def test_the_nudge_is_in_the_users_language(email_on):
    make_reminded_user(language="ru")

    send_due_reminders(at(TUESDAY, "17:00"))

    # The date in Russian's own format: Django's catalog has the month names.
    assert "24 ноября 2026" in mail.outbox[0].body


def test_a_sweep_with_nothing_due_reads_one_query(email_on, django_assert_num_queries):
    make_reminded_user(nudge_time="17:00")
    make_reminded_user(nudge=False, digest=True)

    # The preferences of users with a reminder on, with their profiles (one join); nothing
    # due before 17:00 on a Tuesday, so the sent-log is not read.
    with django_assert_num_queries(1):
        assert send_due_reminders(at(TUESDAY, "16:59")) == 0
