"""Reminders by e-mail: which are due, claiming each once, sending it, unsubscribing.

Exactly once per user, kind and local day, however many workers sweep at once: a reminder
is claimed by inserting its SentReminder row, whose unique constraint lets one insert win,
and only the winner sends. The row is committed before the send, so no transaction stays
open across an SMTP exchange (on SQLite that would hold up every other writer meanwhile).

When the send fails (SMTP refuses, the server is away), the row is marked failed with a
time to retry: a later sweep claims it again, by an UPDATE of that failed row that one
worker alone can win, while the reminder is still due (the same local day; for the nudge,
still no fact), up to MAX_ATTEMPTS tries. So a failed send is retried, not lost and not
doubled. A worker killed between the claim and the send's outcome leaves the row
"sending", and it is not sent again: the mail may have gone out, and we would rather miss
one reminder than send one twice.
"""

import datetime
import logging
import smtplib

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from journal.models import Entry, is_working_day, monday_of

from .models import Kind, ReminderPreferences, SentReminder, Status

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
FIRST_RETRY = datetime.timedelta(minutes=5)  # then 10, 20 and 40 minutes
FRIDAY = 4
UNSUBSCRIBE_SALT = "reminders.unsubscribe"
UNSUBSCRIBE_LINK_LIFETIME = datetime.timedelta(days=90)


def email_configured() -> bool:
    """Whether this server sends e-mail at all (EMAIL_URL is set)."""
    return settings.EMAIL_CONFIGURED


def preferences_of(user) -> ReminderPreferences:
    """The user's preferences, or the defaults (both off) unsaved: reading them writes nothing."""
    found = ReminderPreferences.objects.filter(user=user).first()
    return found or ReminderPreferences(user=user)


FORM_FIELDS = ["nudge", "nudge_time", "digest", "digest_time", "updated_at"]


def save_preferences(user, preferences: ReminderPreferences) -> None:
    """Save the form's choices, only them: the addresses are confirmation.set_address's, and
    a confirmation meanwhile must not be written over with what the form read before it."""
    preferences.user = user
    if preferences.pk is None:
        preferences.save()
    else:
        preferences.save(update_fields=FORM_FIELDS)


def due_kinds(preferences: ReminderPreferences, local: datetime.datetime) -> list[str]:
    """The kinds of reminder due at the user's wall-clock time `local`: each from its time
    of day on until the day ends (a worker that was away catches up the same day)."""
    day, now = local.date(), local.time()
    kinds = []
    if preferences.nudge and is_working_day(day) and now >= preferences.nudge_time:
        kinds.append(Kind.NUDGE)
    if preferences.digest and day.weekday() == FRIDAY and now >= preferences.digest_time:
        kinds.append(Kind.DIGEST)
    return kinds


def send_due_reminders(now: datetime.datetime | None = None) -> int:
    """Send every reminder due at `now` (by default, now) that no worker has sent; the
    number this call sent. The worker calls it every REMINDERS_SWEEP_SECONDS."""
    if not email_configured():
        return 0
    now = now or timezone.now()
    candidates = (
        ReminderPreferences.objects.filter(Q(nudge=True) | Q(digest=True), user__is_active=True)
        # Only to an address its owner confirmed (reminders/confirmation.py).
        .filter(user__email=F("confirmed_email"))
        .exclude(user__email="")
        .select_related("user__profile")
    )
    due = []
    for preferences in candidates:
        local = now.astimezone(preferences.user.profile.zone)
        due += [(preferences.user, kind, local.date()) for kind in due_kinds(preferences, local)]
    if not due:
        return 0
    # What is already claimed, in one query: most minutes of the day, all of it.
    claimed = {
        (row.user_id, row.kind, row.local_date): row
        for row in SentReminder.objects.filter(
            user__in={user.pk for user, _kind, _day in due},
            local_date__in={day for _user, _kind, day in due},
        )
    }
    sent = 0
    for user, kind, day in due:
        row = claimed.get((user.pk, kind, day))
        if row is not None and not _retryable(row, now):
            continue
        try:
            sent += send_reminder(user, kind, day, now)
        except Exception:  # one user's failure must not keep the others' reminders back
            logger.exception("reminder %s for user %s failed", kind, user.pk)
    return sent


def _retryable(row: SentReminder, now) -> bool:
    return (
        row.status == Status.FAILED
        and row.attempts < MAX_ATTEMPTS
        and row.retry_after is not None
        and row.retry_after <= now
    )


def send_reminder(user, kind: str, day: datetime.date, now: datetime.datetime) -> bool:
    """Claim and send one reminder; False when it is not needed or another worker has it."""
    if kind == Kind.NUDGE and Entry.objects.for_user(user).on(day).facts().exists():
        return False
    message = build_message(user, kind, day)  # before the claim: a fault here claims nothing
    claim = claim_reminder(user, kind, day, now)
    if claim is None:
        return False
    try:
        message.send(using="default")
    except Exception as error:
        # Whatever stopped it, the claim must not stay "sending" (never retried).
        retry_after = now + FIRST_RETRY * 2 ** (claim.attempts - 1)
        SentReminder.objects.filter(pk=claim.pk).update(
            status=Status.FAILED, retry_after=retry_after, error=type(error).__name__[:200]
        )
        logger.warning(
            "reminder %s for user %s not sent (try %d of %d): %s",
            kind, user.pk, claim.attempts, MAX_ATTEMPTS, type(error).__name__,
            exc_info=not isinstance(error, smtplib.SMTPException | OSError),
        )  # fmt: skip
        return False
    SentReminder.objects.filter(pk=claim.pk).update(status=Status.SENT, sent_at=now, error="")
    logger.info("reminder %s sent to user %s", kind, user.pk)
    return True


def claim_reminder(user, kind: str, day: datetime.date, now) -> SentReminder | None:
    """The claim on this reminder, or None when another worker holds it or it was sent.

    The first claim is an INSERT: of two workers, PostgreSQL makes the second wait on the
    unique index until the first commits, then refuses it; SQLite lets one writer at a time
    in. A retry is an UPDATE of the failed row, which only one worker's can match."""
    try:
        with transaction.atomic():
            return SentReminder.objects.create(user=user, kind=kind, local_date=day, claimed_at=now)
    except IntegrityError:
        pass
    retried = SentReminder.objects.filter(
        user=user,
        kind=kind,
        local_date=day,
        status=Status.FAILED,
        attempts__lt=MAX_ATTEMPTS,
        retry_after__lte=now,
    ).update(status=Status.SENDING, attempts=F("attempts") + 1, claimed_at=now, retry_after=None)
    if not retried:
        return None
    return SentReminder.objects.get(user=user, kind=kind, local_date=day)


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def unsubscribe_token(user, kind: str) -> str:
    return signing.dumps({"user": user.pk, "kind": kind}, salt=UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token: str) -> tuple[int, str]:
    """(user id, kind) of a link's token; raises signing.SignatureExpired when it is older
    than UNSUBSCRIBE_LINK_LIFETIME and signing.BadSignature when it was not ours."""
    data = signing.loads(token, salt=UNSUBSCRIBE_SALT, max_age=UNSUBSCRIBE_LINK_LIFETIME)
    if not isinstance(data, dict) or data.get("kind") not in Kind.values:
        raise signing.BadSignature("not an unsubscribe token")
    return data["user"], data["kind"]


def unsubscribe(user_id: int, kind: str) -> None:
    """Turn one kind of reminder off for the user."""
    ReminderPreferences.objects.filter(user_id=user_id).update(**{kind: False})


def build_message(user, kind: str, day: datetime.date) -> EmailMultiAlternatives:
    """The reminder as the user reads it: in their language, plain text and HTML, with an
    unsubscribe link that needs no login (also in List-Unsubscribe, for one-click)."""
    token = unsubscribe_token(user, kind)
    unsubscribe_url = absolute(reverse("reminders:unsubscribe", args=[token]))
    context = {
        "user": user,
        "day": day,
        "today_url": absolute(reverse("journal:today")),
        "settings_url": absolute(reverse("journal:profile")) + "#reminders",
        "unsubscribe_url": unsubscribe_url,
    }
    if kind == Kind.DIGEST:
        context.update(digest_of(user, day))
    with translation.override(user.profile.language or settings.LANGUAGE_CODE):
        if kind == Kind.DIGEST:
            subject = _("Your week in Perf Assist")
        else:
            subject = _("Perf Assist: what did you do today?")
        text = render_to_string(f"reminders/email/{kind}.txt", context)
        html = render_to_string(f"reminders/email/{kind}.html", context)
    message = EmailMultiAlternatives(
        subject,
        text,
        settings.DEFAULT_FROM_EMAIL,
        [user.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(html, "text/html")
    return message


def digest_of(user, day: datetime.date) -> dict:
    """The week of `day` for the digest: its facts, oldest first, and its plans that no
    fact fulfils yet."""
    monday = monday_of(day)
    week = Entry.objects.for_user(user).between(monday, monday + datetime.timedelta(days=6))
    by_day = week.order_by("date", "created_at")
    return {
        "monday": monday,
        "facts": list(by_day.facts()),
        "open_plans": list(by_day.plans().with_done_flag().filter(is_done=False)),
    }
