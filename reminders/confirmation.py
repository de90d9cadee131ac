"""Reminders go only to an address its owner confirmed.

An address typed in Settings' Reminders section does not become the account's address at
once: it waits in ReminderPreferences.pending_email, and a mail to it carries a signed
link (user id and address, CONFIRM_LINK_LIFETIME). Following the link and pressing Confirm
(a POST, with no login: it proves the mailbox, not the account) makes it User.email and
confirmed_email; only then does the sweep send it reminders (services.send_due_reminders).
A link whose address is no longer the one waiting (changed since) is stale and changes
nothing. Until then the account keeps its old address, and reminders keep going to it if
that one was confirmed.

Confirmation mails go out through the reminders' sending path (none without EMAIL_URL), at
most one per user and RESEND_INTERVAL, so the form cannot be used to flood an inbox.
"""

import datetime
import enum
import logging

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import ReminderPreferences
from .services import absolute, email_configured

logger = logging.getLogger(__name__)

CONFIRM_SALT = "reminders.confirm-address"
CONFIRM_LINK_LIFETIME = datetime.timedelta(days=3)
RESEND_INTERVAL = datetime.timedelta(minutes=10)


class Outcome(enum.StrEnum):
    SENT = "sent"  # a confirmation link went to the address
    TOO_SOON = "too-soon"  # one went out less than RESEND_INTERVAL ago: none now
    NO_EMAIL = "no-email"  # this server sends no mail (no EMAIL_URL)
    FAILED = "failed"  # the mail server refused it
    WAITING = "waiting"  # the address already waits for its link: none sent again
    UNCHANGED = "unchanged"  # the address is the account's: nothing to send
    CLEARED = "cleared"  # the user took the address away


class LinkState(enum.StrEnum):
    PENDING = "pending"  # the link's address waits for confirmation
    CONFIRMED = "confirmed"  # it is the account's confirmed address already
    STALE = "stale"  # the address changed since the link was sent


def is_confirmed(user, preferences: ReminderPreferences) -> bool:
    return bool(user.email) and user.email == preferences.confirmed_email


def address_state(user, preferences: ReminderPreferences) -> dict:
    """What Settings says of the addresses: where reminders go (confirmed), which address
    waits for its link (pending), and the account's address not yet confirmed (unconfirmed),
    each an address or ""."""
    confirmed = user.email if is_confirmed(user, preferences) else ""
    pending = preferences.pending_email
    unconfirmed = user.email if user.email and not confirmed and user.email != pending else ""
    return {"confirmed": confirmed, "pending": pending, "unconfirmed": unconfirmed}


def set_address(user, email: str, now=None) -> Outcome:
    """The address the Reminders form was saved with (its preferences saved already)."""
    preferences = ReminderPreferences.objects.get(user=user)
    if not email:
        with transaction.atomic():
            ReminderPreferences.objects.filter(pk=preferences.pk).update(
                confirmed_email="", pending_email=""
            )
            if user.email:
                user.email = ""
                user.save(update_fields=["email"])
        return Outcome.CLEARED
    if email == user.email:
        if preferences.pending_email and preferences.pending_email != email:
            # Back to the account's address: the other one's link goes stale.
            ReminderPreferences.objects.filter(pk=preferences.pk).update(pending_email="")
        return Outcome.UNCHANGED
    if email == preferences.pending_email:
        return Outcome.WAITING
    return request_confirmation(user, email, now)


def address_to_confirm(user, preferences: ReminderPreferences) -> str:
    """The address Settings' "Send a confirmation link" is for: the one waiting, else the
    account's unconfirmed one; "" when there is none."""
    state = address_state(user, preferences)
    return state["pending"] or state["unconfirmed"]


def request_confirmation(user, address: str, now=None) -> Outcome:
    """Mail `address` a link to confirm it, unless one went out less than RESEND_INTERVAL
    ago; the address then waits for it (a link to any other address goes stale)."""
    if not email_configured():
        return Outcome.NO_EMAIL
    now = now or timezone.now()
    before, _created = ReminderPreferences.objects.get_or_create(user=user)
    message = build_confirmation_message(user, address)  # a fault here claims nothing
    # The claim: of two posts at once, one UPDATE matches; the other is too soon.
    claimed = (
        ReminderPreferences.objects.filter(pk=before.pk)
        .filter(
            Q(confirmation_sent_at__isnull=True)
            | Q(confirmation_sent_at__lte=now - RESEND_INTERVAL)
        )
        .update(confirmation_sent_at=now, pending_email=address)
    )
    if not claimed:
        return Outcome.TOO_SOON
    try:
        message.send(using="default")
    except Exception as error:
        ReminderPreferences.objects.filter(pk=before.pk, confirmation_sent_at=now).update(
            confirmation_sent_at=before.confirmation_sent_at, pending_email=before.pending_email
        )
        logger.warning("confirmation mail for user %s not sent: %s", user.pk, type(error).__name__)
        return Outcome.FAILED
    logger.info("confirmation mail sent for user %s", user.pk)
    return Outcome.SENT


def confirmation_token(user, address: str) -> str:
    return signing.dumps({"user": user.pk, "address": address}, salt=CONFIRM_SALT)


def read_confirmation_token(token: str) -> tuple[int, str]:
    """(user id, address) of a link's token; raises signing.SignatureExpired when it is
    older than CONFIRM_LINK_LIFETIME and signing.BadSignature when it was not ours."""
    data = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_LINK_LIFETIME)
    if (
        not isinstance(data, dict)
        or not isinstance(data.get("user"), int)
        or not isinstance(data.get("address"), str)
        or not data["address"]
    ):
        raise signing.BadSignature("not a confirmation token")
    return data["user"], data["address"]


def link_state(user, address: str) -> LinkState:
    preferences = ReminderPreferences.objects.filter(user=user).first()
    if preferences is None:
        return LinkState.STALE
    if preferences.pending_email == address:
        return LinkState.PENDING
    if address == user.email and is_confirmed(user, preferences):
        return LinkState.CONFIRMED
    return LinkState.STALE


def confirm(user, address: str) -> LinkState:
    """Confirm `address` for `user` if it still waits for it (CONFIRMED then), making it the
    account's address; otherwise change nothing and say why (link_state)."""
    with transaction.atomic():
        matched = ReminderPreferences.objects.filter(user=user, pending_email=address).update(
            pending_email="", confirmed_email=address, updated_at=timezone.now()
        )
        if matched:
            if user.email != address:
                user.email = address
                user.save(update_fields=["email"])
            logger.info("address confirmed for user %s", user.pk)
            return LinkState.CONFIRMED
    return link_state(user, address)


def build_confirmation_message(user, address: str) -> EmailMultiAlternatives:
    """The confirmation mail, in the user's language, plain text and HTML, to `address`."""
    token = confirmation_token(user, address)
    context = {
        "user": user,
        "address": address,
        "confirm_url": absolute(reverse("reminders:confirm", args=[token])),
        "days": CONFIRM_LINK_LIFETIME.days,
    }
    with translation.override(user.profile.language or settings.LANGUAGE_CODE):
        subject = _("Perf Assist: confirm your e-mail address")
        text = render_to_string("reminders/email/confirm.txt", context)
        html = render_to_string("reminders/email/confirm.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [address])
    message.attach_alternative(html, "text/html")
    return message
