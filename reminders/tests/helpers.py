"""Factories and clocks for the reminders' tests."""

import datetime
import zoneinfo

from conftest import make_user
from reminders.models import ReminderPreferences

# A working week of 2026: Monday 23 November to Friday 27 November.
MONDAY = datetime.date(2026, 11, 23)
TUESDAY = datetime.date(2026, 11, 24)
FRIDAY = datetime.date(2026, 11, 27)
SATURDAY = datetime.date(2026, 11, 28)


def at(day: datetime.date, clock: str, zone: str = "UTC") -> datetime.datetime:
    """An aware moment: `clock` ("17:00") on `day` on the wall clocks of `zone`."""
    time = datetime.time.fromisoformat(clock)
    return datetime.datetime.combine(day, time, tzinfo=zoneinfo.ZoneInfo(zone))


def make_reminded_user(
    username=None,
    *,
    email="ann@example.com",
    time_zone="UTC",
    nudge=True,
    nudge_time="17:00",
    digest=False,
    digest_time="16:00",
    confirmed=True,
    **fields,
):
    """A user with an e-mail address and reminders as given (the nudge at 17:00 on); the
    address confirmed by its owner unless confirmed=False (as if set in the admin)."""
    user = make_user(username, time_zone=time_zone, **fields)
    user.email = email
    user.save(update_fields=["email"])
    ReminderPreferences.objects.create(
        user=user,
        nudge=nudge,
        nudge_time=datetime.time.fromisoformat(nudge_time),
        digest=digest,
        digest_time=datetime.time.fromisoformat(digest_time),
        confirmed_email=email if confirmed else "",
    )
    return user
