"""A reminder time in the environment that is not a time is refused at start, by name."""

import datetime

from django.conf import settings
from django.core import checks


@checks.register
def check_reminder_times(app_configs, **kwargs):
    errors = []
    for name in ("REMINDER_NUDGE_TIME", "REMINDER_DIGEST_TIME"):
        value = getattr(settings, name)
        try:
            datetime.time.fromisoformat(value)
        except (TypeError, ValueError):
            errors.append(
                checks.Error(
                    f"{name} is {value!r}, which is not a time of day.",
                    hint="Write it as HH:MM, such as 17:00.",
                    id="reminders.E001",
                )
            )
    return errors
