"""What a user asked to be reminded of, and the log that makes each reminder go out once."""

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def _time_setting(name: str) -> datetime.time:
    return datetime.time.fromisoformat(getattr(settings, name))


def default_nudge_time() -> datetime.time:
    return _time_setting("REMINDER_NUDGE_TIME")


def default_digest_time() -> datetime.time:
    return _time_setting("REMINDER_DIGEST_TIME")


class Kind(models.TextChoices):
    NUDGE = "nudge", _("Daily nudge")
    DIGEST = "digest", _("Friday digest")


class ReminderPreferences(models.Model):
    """Both reminders are off until the user turns them on. Times are wall-clock times in
    the user's time zone (journal's Profile.time_zone).

    Reminders go only to an address its owner confirmed (reminders/confirmation.py): the
    user's User.email, and only while it equals confirmed_email. An address typed in
    Settings waits in pending_email, and User.email changes to it only when the link mailed
    to it is followed, so the account's address is never an unconfirmed one. An address set
    elsewhere (the admin, adduser) starts unconfirmed, as does every address of 0002's
    existing users. confirmation_sent_at limits the confirmation mails, one per
    RESEND_INTERVAL."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="reminder_preferences",
    )
    nudge = models.BooleanField(_("daily nudge"), default=False)
    nudge_time = models.TimeField(_("nudge time"), default=default_nudge_time)
    digest = models.BooleanField(_("Friday digest"), default=False)
    digest_time = models.TimeField(_("digest time"), default=default_digest_time)
    confirmed_email = models.EmailField(_("confirmed address"), blank=True)
    pending_email = models.EmailField(_("address to confirm"), blank=True)
    confirmation_sent_at = models.DateTimeField(_("confirmation sent"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("reminder preferences")
        verbose_name_plural = _("reminder preferences")

    def __str__(self):
        return str(self.user)

    def is_on(self, kind: str) -> bool:
        return self.digest if kind == Kind.DIGEST else self.nudge

    def time_of(self, kind: str) -> datetime.time:
        return self.digest_time if kind == Kind.DIGEST else self.nudge_time


class Status(models.TextChoices):
    SENDING = "sending", _("sending")
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed")


class SentReminder(models.Model):
    """One row per user, kind and day (the user's local date): inserting it claims the
    reminder, so of two workers only one sends it (reminders/services.py)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="sent_reminders",
    )
    kind = models.CharField(_("kind"), max_length=8, choices=Kind)
    local_date = models.DateField(_("day"))
    status = models.CharField(_("status"), max_length=8, choices=Status, default=Status.SENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=1)
    claimed_at = models.DateTimeField(_("claimed"))
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    retry_after = models.DateTimeField(_("retry after"), null=True, blank=True)
    error = models.CharField(_("error"), max_length=200, blank=True)

    class Meta:
        ordering = ["-local_date", "kind"]
        verbose_name = _("sent reminder")
        verbose_name_plural = _("sent reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "local_date"], name="reminder_once_per_user_kind_day"
            ),
        ]

    def __str__(self):
        return f"{self.user} {self.kind} {self.local_date}"
