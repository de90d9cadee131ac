"""Delete an entry with an Undo: what the entry was, and what hangs on it, kept in a signed
token that the "Entry deleted. Undo" form posts back.

A token rather than a table: nothing is written to keep it, nothing needs purging, and it
works as a plain form without scripts. Signed with the site's key, salted with the user's
id (another user's token does not verify for you) and timed (refused after
UNDO_MAX_AGE seconds). An entry's text is at most 10,000 characters; compressed, the token
stays a few kilobytes, well under Django's 2.5 MB limit of a posted form.
"""

import datetime
import uuid

from django.core import signing
from django.db import IntegrityError, transaction
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from . import extensions
from .models import Entry, EntryType

# The Undo line shows this long (static/js/app.js hides it); the server takes the token a
# little longer, for a slow network or a page without scripts, where the line stays.
UNDO_SECONDS = 10
UNDO_MAX_AGE = 120
VERSION = 1


class UndoRefused(Exception):
    """The token cannot bring the entry back; its message says why, to the user."""


def _salt(user_id) -> str:
    return f"journal.entry-undo.{user_id}"


def snapshot(entry) -> dict:
    """The entry as stored, the facts that record it done (deleting a plan unsets them)
    and what the registered keepers hang on it."""
    return {
        "v": VERSION,
        "user": entry.user_id,
        "entry": {
            "id": str(entry.pk),
            "date": entry.date.isoformat(),
            "type": entry.type,
            "text": entry.text,
            "fulfils_plan": str(entry.fulfils_plan_id) if entry.fulfils_plan_id else None,
            "created_at": entry.created_at.isoformat(),
            "updated_at": entry.updated_at.isoformat(),
        },
        "fulfilled_by": [str(pk) for pk in entry.fulfilled_by.values_list("pk", flat=True)],
        "kept": {keeper.name: keeper.snapshot(entry) for keeper in extensions.keepers()},
    }


@transaction.atomic
def delete_entry(entry) -> str:
    """Delete the entry; the token that undoes it."""
    data = snapshot(entry)
    entry.delete()
    return signing.dumps(data, salt=_salt(entry.user_id), compress=True)


NOT_VALID = _("This undo is not valid here, so nothing was restored. Was it yours?")


def read_token(user, token: str) -> dict:
    """What the token kept, if it is one of `user`'s, unchanged and in time."""
    try:
        data = signing.loads(token, salt=_salt(user.pk), max_age=UNDO_MAX_AGE)
    except signing.SignatureExpired:
        raise UndoRefused(_("Too late to undo: the entry stays deleted.")) from None
    except signing.BadSignature:
        raise UndoRefused(NOT_VALID) from None
    if not isinstance(data, dict) or data.get("v") != VERSION or data.get("user") != user.pk:
        raise UndoRefused(NOT_VALID)
    return data


@transaction.atomic
def restore_entry(user, token: str):
    """Bring back the entry the token deleted, as it was: same id, day, type, text, times,
    the plan it fulfilled and the facts that fulfilled it (those still there and free),
    and what the keepers kept. Raises UndoRefused."""
    data = read_token(user, token)
    fields = data["entry"]
    pk = uuid.UUID(fields["id"])
    if Entry.objects.filter(pk=pk).exists():
        raise UndoRefused(_("This entry is back already."))
    plan = None
    if fields["type"] == EntryType.FACT and fields["fulfils_plan"]:
        plan = Entry.objects.for_user(user).plans().filter(pk=fields["fulfils_plan"]).first()
    entry = Entry(
        id=pk,
        user=user,
        date=datetime.date.fromisoformat(fields["date"]),
        type=fields["type"],
        text=fields["text"],
        fulfils_plan=plan,
    )
    try:
        # Two posts of one token (a double click without scripts) may both pass the check
        # above; the second insert then meets the first's row.
        with transaction.atomic():
            entry.save(force_insert=True)
    except IntegrityError:
        raise UndoRefused(_("This entry is back already.")) from None
    # auto_now_add and auto_now stamped the insert; it keeps its own times (its place in
    # its day's order is by created_at).
    times = {name: parse_datetime(fields[name]) for name in ("created_at", "updated_at")}
    Entry.objects.filter(pk=pk).update(**times)
    for name, value in times.items():
        setattr(entry, name, value)
    if entry.type == EntryType.PLAN and data["fulfilled_by"]:
        Entry.objects.for_user(user).facts().filter(
            pk__in=data["fulfilled_by"], fulfils_plan__isnull=True
        ).update(fulfils_plan=entry)
    kept = data.get("kept") or {}
    for keeper in extensions.keepers():
        if keeper.name in kept:
            keeper.restore(entry, kept[keeper.name])
    return entry
