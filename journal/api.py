"""Entries over the JSON API: capture from scripts, list a period, edit, delete."""

import datetime
import re
import uuid
from typing import Annotated, Literal

from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import ValidationError
from pydantic import BeforeValidator, ConfigDict
from pydantic_core import PydanticCustomError

from . import extensions, paging
from .forms import EntryForm
from .models import ENTRY_TEXT_MAX_LENGTH, Entry
from .validation import date_range_message, is_supported_date

router = Router(tags=["entries"])

EntryType = Literal["plan", "fact"]


def _date_text(value):
    # Pydantic would read 0 or "0" as 1970-01-01: a date comes as YYYY-MM-DD only.
    day = None
    if isinstance(value, datetime.date):
        day = value
    elif isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            day = datetime.date.fromisoformat(value)
        except ValueError:
            pass  # such as 2026-02-30
    # Custom errors: a plain ValueError's message would come out as "Value error, …".
    if day is None:
        raise PydanticCustomError("date", _("Enter a real date as YYYY-MM-DD, such as 2026-03-02."))
    if not is_supported_date(day):
        raise PydanticCustomError("date_out_of_range", date_range_message(day))
    return day


# A date a client sends: YYYY-MM-DD, within the supported range (journal.validation).
IsoDate = Annotated[datetime.date, BeforeValidator(_date_text)]


class EntryIn(Schema):
    model_config = ConfigDict(extra="forbid")

    date: IsoDate
    type: EntryType
    text: str = Field(min_length=1, max_length=ENTRY_TEXT_MAX_LENGTH)
    goal_ids: list[uuid.UUID] = Field(
        default=[],
        description="The goals it is linked to, exactly. Without it, the #tags of your goals "
        "in the text link it to them.",
    )


class EntryPatch(Schema):
    model_config = ConfigDict(extra="forbid")

    date: IsoDate | None = None
    type: EntryType | None = None
    text: str | None = Field(default=None, min_length=1, max_length=ENTRY_TEXT_MAX_LENGTH)
    goal_ids: list[uuid.UUID] | None = Field(
        default=None,
        description="Replaces the goals it is linked to, exactly. Without it, a #tag of a goal "
        "that the edit writes in the text links it to that goal.",
    )


class EntryOut(Schema):
    id: uuid.UUID
    date: datetime.date
    type: EntryType
    text: str
    created_at: datetime.datetime
    goal_ids: list[uuid.UUID]


class EntryPage(Schema):
    items: list[EntryOut]
    next_cursor: str | None = Field(
        description="Pass as ?cursor= for the next page; null at the end."
    )


class EntryFilters(Schema):
    model_config = ConfigDict(extra="forbid")

    start: IsoDate | None = Field(default=None, alias="from")
    end: IsoDate | None = Field(default=None, alias="to")
    type: EntryType | None = None
    # No NUL: PostgreSQL text cannot hold one (the site's forms refuse it the same way).
    q: str | None = Field(default=None, max_length=200, pattern=r"^[^\x00]*$")
    cursor: str | None = Field(default=None, max_length=200)
    limit: int = Field(default=50, ge=1, le=200)


class Error(Schema):
    detail: str | list


def invalid(where: str, name: str, message) -> ValidationError:
    """A 400 naming the field at fault, in the shape of ninja's validation errors."""
    return ValidationError([{"loc": [where, name], "msg": str(message), "type": "value_error"}])


def answers(codes: dict, *, write: bool = False) -> dict:
    """An operation's documented responses: its own, and the 400 (invalid input) and 401
    (no valid token) any of them can give; a `write` also the 403 of a browser session
    without its CSRF token."""
    return {**codes, 400: Error, 401: Error, **({403: Error} if write else {})}


def entry_out(entry) -> dict:
    """An entry as the API gives it; its `links` attached (extensions.attach_links)."""
    return {
        "id": entry.pk,
        "date": entry.date,
        "type": entry.type,
        "text": entry.text,
        "created_at": entry.created_at,
        "goal_ids": [link.pk for link in sorted(entry.links, key=lambda link: link.order)],
    }


def field_errors(form) -> list[dict]:
    """A form's errors in the shape of ninja's validation errors."""
    names = {"__all__": "payload", extensions.links().name: "goal_ids"}
    return [
        {"loc": ["body", names.get(field, field)], "msg": str(message), "type": "value_error"}
        for field, messages in form.errors.items()
        for message in messages
    ]


def checked_goals(user, goal_ids) -> list:
    """The goals to link (perf's, through journal/extensions.py), all of them the user's."""
    if set(goal_ids) - extensions.links().owned(user, goal_ids):
        raise invalid("body", "goal_ids", _("One of the goals is not yours."))
    return list(dict.fromkeys(goal_ids))


def save_entry(request, data: dict, instance=None, goal_ids=None):
    """Validate like the site's form does and save; a 400 with field errors writes nothing.
    `goal_ids`: the goals to link, exactly (the #tags in the text then link nothing), or
    None to keep the links, adding those of the #tags the save writes in (as the form)."""
    goals = checked_goals(request.user, goal_ids) if goal_ids is not None else None
    links = extensions.links()
    if instance is not None:  # the form's goal picker sets the links
        current = [link.pk for link in links.linked([instance.pk]).get(instance.pk, [])]
        data[links.name] = [str(pk) for pk in (current if goals is None else goals)]
    form = EntryForm(data, instance=instance, user=request.user)
    if not form.is_valid():
        raise ValidationError(field_errors(form))
    with transaction.atomic():
        entry = form.save()
        if goals is not None:  # an explicit list is the truth, whatever the #tags say
            links.replace(entry, goals)
    return entry


@router.post("/entries", response=answers({201: EntryOut}, write=True), summary="Add an entry")
def create_entry(request, payload: EntryIn):
    data = payload.model_dump(exclude={"goal_ids"})
    given = "goal_ids" in payload.model_fields_set
    entry = save_entry(request, data, goal_ids=payload.goal_ids if given else None)
    extensions.attach_links([entry])
    return Status(201, entry_out(entry))


def decode_cursor(cursor: str) -> paging.Position:
    """The position a cursor the API gave stands for; anything else is a 400."""
    try:
        return paging.parse_cursor(cursor)
    except ValueError:
        raise invalid("query", "cursor", _("This cursor is not one the API gave.")) from None


@router.get("/entries", response=answers({200: EntryPage}), summary="List entries")
def list_entries(request, filters: Query[EntryFilters]):
    """The user's entries, oldest first, optionally of a period (from, to: inclusive),
    of one type, or containing the words of q; a page at a time (cursor)."""
    if filters.start and filters.end and filters.end < filters.start:
        raise invalid("query", "to", _("The end of the period comes before its start."))
    if filters.q:
        entries = Entry.objects.search(filters.q, user=request.user)
    else:
        entries = Entry.objects.for_user(request.user)
    entries = entries.between(filters.start, filters.end)
    if filters.type:
        entries = entries.filter(type=filters.type)
    if filters.cursor:
        entries = entries.filter(paging.newer_than(decode_cursor(filters.cursor)))
    page = list(entries.order_by(*paging.OLDEST_FIRST)[: filters.limit + 1])
    more = len(page) > filters.limit
    page = page[: filters.limit]
    extensions.attach_links(page)
    return {
        "items": [entry_out(entry) for entry in page],
        "next_cursor": paging.cursor_of(page[-1]) if more else None,
    }


@router.get(
    "/entries/{entry_id}", response=answers({200: EntryOut, 404: Error}), summary="An entry"
)
def get_entry(request, entry_id: uuid.UUID):
    entry = get_object_or_404(Entry, pk=entry_id, user=request.user)
    extensions.attach_links([entry])
    return entry_out(entry)


@router.patch(
    "/entries/{entry_id}",
    response=answers({200: EntryOut, 404: Error}, write=True),
    summary="Edit an entry",
)
def update_entry(request, entry_id: uuid.UUID, payload: EntryPatch):
    entry = get_object_or_404(Entry, pk=entry_id, user=request.user)
    changes = payload.model_dump(exclude_unset=True, exclude={"goal_ids"})
    if any(value is None for value in changes.values()):
        raise ValidationError(
            [
                {
                    "loc": ["body", name],
                    "msg": _("This field cannot be null."),
                    "type": "value_error",
                }
                for name, value in changes.items()
                if value is None
            ]
        )
    data = {
        "date": entry.date,
        "type": entry.type,
        "text": entry.text,
        "fulfils_plan": entry.fulfils_plan_id or "",
        **changes,
    }
    entry = save_entry(request, data, instance=entry, goal_ids=payload.goal_ids)
    entry = Entry.objects.get(pk=entry.pk)
    extensions.attach_links([entry])
    return entry_out(entry)


@router.delete(
    "/entries/{entry_id}",
    response=answers({204: None, 404: Error}, write=True),
    summary="Delete an entry",
)
def delete_entry(request, entry_id: uuid.UUID):
    get_object_or_404(Entry, pk=entry_id, user=request.user).delete()
    return Status(204, None)
