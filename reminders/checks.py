"""A reminder time in the environment that is not a time is refused at start, by name; mail
sent with links to localhost is pointed out."""

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


@checks.register
def check_site_url(app_configs, **kwargs):
    if settings.EMAIL_CONFIGURED and "://localhost" in settings.SITE_URL:
        return [
            checks.Warning(
                f"E-mail is on, but the links in reminders point to {settings.SITE_URL}.",
                hint="Set SITE_URL to the address users open the app at.",
                id="reminders.W001",
            )
        ]
    return []
