import datetime

import pytest
from django.core import mail

from conftest import make_entry
from journal.models import EntryType
from reminders.models import Kind, SentReminder
from reminders.services import send_due_reminders

from .helpers import FRIDAY, MONDAY, TUESDAY, at, make_reminded_user

pytestmark = pytest.mark.django_db


def digest_user(**fields):
    return make_reminded_user(nudge=False, digest=True, digest_time="16:00", **fields)


def test_the_digest_comes_on_friday_with_the_weeks_facts_and_open_plans(email_on):
    user = digest_user()
    done_plan = make_entry(user, type=EntryType.PLAN, text="Plan: fix the flaky test", date=MONDAY)
    make_entry(user, text="Fixed the flaky test", date=TUESDAY, fulfils_plan=done_plan)
    make_entry(user, type=EntryType.PLAN, text="Plan: write the RFC", date=TUESDAY)
    make_entry(user, text="Cut CI time from 20 to 8 minutes", date=MONDAY)
    make_entry(user, text="Last week's fact", date=MONDAY - datetime.timedelta(days=1))
    make_entry(
        user, type=EntryType.PLAN, text="Next week's plan", date=FRIDAY + datetime.timedelta(3)
    )

    assert send_due_reminders(at(FRIDAY, "16:00")) == 1

    [message] = mail.outbox
    assert message.subject == "Your week in Perf Assist"
    body = message.body
    facts, plans = body.split("Open plans")
    assert facts.index("Cut CI time from 20 to 8 minutes") < facts.index("Fixed the flaky test")
    assert "Last week's fact" not in body
    assert "Plan: write the RFC" in plans
    assert "Plan: fix the flaky test" not in body  # a fact fulfils it
    assert "Next week's plan" not in body
    assert SentReminder.objects.get().kind == Kind.DIGEST


def test_there_is_no_digest_before_friday_or_before_its_time(email_on):
    digest_user()

    assert send_due_reminders(at(TUESDAY, "18:00")) == 0
    assert send_due_reminders(at(FRIDAY, "15:59")) == 0
    assert mail.outbox == []


def test_the_digest_html_escapes_what_the_user_wrote(email_on):
    user = digest_user()
    make_entry(user, text="Blocked <script>alert(1)</script> in the form", date=TUESDAY)

    send_due_reminders(at(FRIDAY, "16:00"))

    [(html, _mimetype)] = mail.outbox[0].alternatives
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>" not in html
    assert "Blocked <script>alert(1)</script> in the form" in mail.outbox[0].body  # plain text


def test_a_friday_can_bring_both_the_nudge_and_the_digest_once_each(email_on):
    make_reminded_user(nudge=True, nudge_time="17:00", digest=True, digest_time="16:00")

    for clock in ("16:00", "17:00", "18:00"):
        send_due_reminders(at(FRIDAY, clock))

    assert [message.subject for message in mail.outbox] == [
        "Your week in Perf Assist",
        "Perf Assist: what did you do today?",
    ]


def test_the_digest_follows_the_users_time_zone(email_on):
    digest_user(time_zone="Asia/Tokyo")

    # Friday 16:00 in Tokyo is 07:00 UTC; Thursday 23:00 UTC is Friday 08:00 there: too early.
    assert send_due_reminders(at(FRIDAY - datetime.timedelta(days=1), "23:00")) == 0
    assert send_due_reminders(at(FRIDAY, "07:00")) == 1
