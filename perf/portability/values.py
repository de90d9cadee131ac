"""The values a journal file holds, as pydantic types: each checks its JSON type first (a
list is not turned into its Python text, nor the number 123 into a UUID), then what the
model field it fills would refuse, and says what is wrong in a sentence a user can act on.

A fault is raised as `problem(...)`; `problems.py` puts the record or line in front of it.
"""

import datetime
import functools
import json
import uuid
import zoneinfo
from typing import Annotated, Any, Literal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import MaxValueValidator, validate_unicode_slug
from django.db import connection, models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    PlainValidator,
    StrictBool,
    WrapValidator,
)
from pydantic import ValidationError as PydanticValidationError
from pydantic_core import PydanticCustomError

from journal.models import ENTRY_TEXT_MAX_LENGTH
from journal.validation import (
    EARLIEST_DATE,
    LATEST_DATE,
    LONE_SURROGATE,
    date_range_message,
    validate_supported_date,
    validate_visible_text,
)

# How problems.py writes a fault, by where the validator that found it stands:
FIELD = "field"  # "entries[3] (id …): text: <message>"
NAMED = "named"  # "…: outputs[0]: locked <message>", the field's name starts the sentence
OF_RECORD = "of_record"  # found on a field, said of its record: "entries[1]: <message>"
RECORD = "record"  # found by a model validator: "summaries[0] (id …): <message>"
FILE = "file"  # the message says where itself


def problem(message: str, kind: str = FIELD) -> PydanticCustomError:
    return PydanticCustomError(kind, "{message}", {"message": str(message)})


def printable(text: str, limit: int = 60) -> str:
    """Text of the file fit to show in a message: lone surrogates and NULs escaped (they
    cannot be written to a terminal), and cut short."""
    if LONE_SURROGATE.search(text) or "\x00" in text:
        text = json.dumps(text)[1:-1]
    return text if len(text) <= limit else text[: limit - 1] + "…"


def django_message(error: DjangoValidationError) -> str:
    return " ".join(error.messages)


def null_message() -> str:
    return str(models.Field.default_error_messages["null"])


def blank_message() -> str:
    return str(models.Field.default_error_messages["blank"])


def checked_by(validator):
    """A Django validator as a pydantic one, its message kept (and translated)."""

    def check(value):
        try:
            validator(value)
        except DjangoValidationError as error:
            raise problem(django_message(error)) from None
        return value

    return AfterValidator(check)


# --- Ids ---


def is_proper_id(text: str) -> bool:
    """A UUID written as this app writes one (32 hex digits, or with hyphens): uuid.UUID
    would also take braces and a urn: prefix, which have no place in a URL."""
    try:
        parsed = uuid.UUID(text)
    except ValueError:
        return False
    return text.lower() in (parsed.hex, str(parsed))


def proper_id(value) -> uuid.UUID:
    if value is None:
        raise problem(null_message())
    if not (isinstance(value, str) and is_proper_id(value)):
        raise problem(
            _("%(value)s is not an id written as this app writes one.")
            % {"value": printable(repr(value))}
        )
    return uuid.UUID(value)


def record_id(value) -> uuid.UUID:
    if value is None:
        raise problem(_("the record has no id."), OF_RECORD)
    return proper_id(value)


# A record's own id (without one it is no record), and an id it links by (or null).
RecordId = Annotated[uuid.UUID, PlainValidator(record_id)]
Id = Annotated[uuid.UUID, PlainValidator(proper_id)]


def point_id(value: str) -> str:
    """A point's id, which is its name in URLs: kept as the file writes it."""
    if not is_proper_id(value):
        raise PydanticCustomError("point_id", "{id}", {"id": printable(value)})
    return value


PointId = Annotated[str, PlainValidator(point_id)]


def some_list(message, *, bad_item=None):
    """A list checked whole: one message for the list, whichever item is at fault."""

    def check(value, handler):
        if not isinstance(value, list):
            raise problem(message)
        try:
            return handler(value)
        except PydanticValidationError:
            raise problem(bad_item(value) if bad_item else message) from None

    return WrapValidator(check)


def a_list(message):
    """A list, its items checked one by one."""

    def check(value):
        if not isinstance(value, list):
            raise problem(message)
        return value

    return BeforeValidator(check)


def loose_id(value):
    uuid.UUID(str(value))  # as summaries store them: braces and all, normalised on writing
    return value


# Entry ids as a summary or a point cites them.
LooseIds = Annotated[
    list[Annotated[Any, AfterValidator(loose_id)]],
    some_list(
        gettext_lazy("must be a list of ids."),
        bad_item=lambda value: (
            _("%(value)s holds something that is not an id.") % {"value": repr(value)}
        ),
    ),
]
Texts = Annotated[
    list[Annotated[str, Field(strict=True)]], some_list(gettext_lazy("must be a list of texts."))
]


# --- Text and choices ---


def visible(text: str) -> str:
    """Text shown as the record's name or as all of it: one only of spaces and zero-width
    marks would be a blank line on the page and an empty link. Blank: the length says so."""
    if text:
        try:
            validate_visible_text(text)
        except DjangoValidationError as error:
            raise problem(django_message(error)) from None
    return text


def text_type(max_length: int | None = None, *, blank=True, shown=False):
    """A text field: max_length, which Django checks only in forms, and not blank."""
    constraints = Field(strict=True, max_length=max_length, min_length=None if blank else 1)
    return Annotated[str, constraints, *([AfterValidator(visible)] if shown else [])]


def fits(max_length: int):
    def check(value):
        if value is None:
            raise problem(null_message())
        if not isinstance(value, str):
            raise problem(_("must be a text (a JSON string)."))
        if len(value) > max_length:
            raise problem(too_long(max_length, value))
        return value

    return BeforeValidator(check)


def too_long(max_length: int, value: str) -> str:
    return ngettext(
        "at most %(limit)d character is allowed (it has %(length)d).",
        "at most %(limit)d characters are allowed (it has %(length)d).",
        max_length,
    ) % {"limit": max_length, "length": len(value)}


def choice(values, max_length: int):
    """One of a Django field's choices, as the field's column holds it."""
    return Annotated[Literal[tuple(values)], fits(max_length)]


Slug = Annotated[text_type(60, blank=False), checked_by(validate_unicode_slug)]


@functools.cache
def time_zones() -> frozenset:
    return frozenset(zoneinfo.available_timezones())


def time_zone(value):
    if value is None:
        raise problem(null_message())
    if isinstance(value, str) and len(value) > 64:
        raise problem(too_long(64, value))
    if not isinstance(value, str) or value not in time_zones():
        raise problem(
            _("%(zone)s is not a time zone Perf Assist knows.") % {"zone": printable(str(value))}
        )
    return value


TimeZone = Annotated[str, PlainValidator(time_zone)]


def plain_text_problem(text: str) -> str | None:
    """What keeps the text of a jrnl entry or a line of a note from being an entry."""
    if "\x00" in text:
        return _("text holds a NUL character.")
    try:
        validate_visible_text(text)
    except DjangoValidationError as error:
        return django_message(error)
    if len(text) > ENTRY_TEXT_MAX_LENGTH:
        return ngettext(
            "an entry can be at most %(limit)d character long (it has %(length)d).",
            "an entry can be at most %(limit)d characters long (it has %(length)d).",
            ENTRY_TEXT_MAX_LENGTH,
        ) % {"limit": ENTRY_TEXT_MAX_LENGTH, "length": len(text)}
    return None


def plain_text(text: str) -> str:
    if found := plain_text_problem(text):
        raise problem(found, OF_RECORD)
    return text


PlainText = Annotated[str, Field(strict=True), AfterValidator(plain_text)]


# --- Numbers and flags ---


def in_column(value: int) -> int:
    """No more than the database's column holds (PositiveIntegerField's range is the
    backend's)."""
    _low, high = connection.ops.integer_field_range("PositiveIntegerField")
    if high is not None and value > high:
        raise problem(MaxValueValidator(high).message % {"limit_value": high})
    return value


Count = Annotated[int, Field(strict=True, ge=0), AfterValidator(in_column)]
Flag = StrictBool


def point_flag(value):
    if not isinstance(value, bool):
        raise problem(_("must be true or false."), NAMED)
    return value


def cited_count(value):
    if type(value) is not int or not 0 <= value <= 10_000:
        raise problem(_("must be a whole number from 0 to 10,000."), NAMED)
    return value


PointFlag = Annotated[bool, PlainValidator(point_flag)]
CitedCount = Annotated[int, PlainValidator(cited_count)]


# --- Days and times ---


def parsed_as(field: models.Field):
    """A date or a time written as a JSON string and read as the model field reads it."""

    def parse(value):
        if value is None:
            raise problem(null_message())
        if not (isinstance(value, str) and value.isascii()):
            raise problem(
                _('%(value)s is not a date: write it as a JSON string, such as "2026-11-24".')
                % {"value": printable(repr(value))}
            )
        try:
            return field.to_python(value)
        except DjangoValidationError as error:
            raise problem(django_message(error)) from None

    return PlainValidator(parse)


def kept_day(day):
    try:
        validate_supported_date(day)
    except DjangoValidationError as error:
        raise problem(django_message(error)) from None
    return day


def kept_week(monday: datetime.date) -> datetime.date:
    """A week holding a day kept, as parse_iso_week accepts: the weeks of the range's first
    and last days reach a little past it (1970-W01 starts on 29 December 1969)."""
    if monday + datetime.timedelta(days=6) < EARLIEST_DATE or monday > LATEST_DATE:
        raise problem(date_range_message(monday))
    if monday.weekday() != 0:
        raise problem(_("A week starts on a Monday."))
    return monday


Day = Annotated[datetime.date, parsed_as(models.DateField()), AfterValidator(kept_day)]


def with_zone(moment: datetime.datetime) -> datetime.datetime:
    """The export writes every time with its offset; one without would be read in the
    server's zone and stored with a warning, so it is refused, saying how to write it."""
    if moment.utcoffset() is None:
        raise problem(
            _(
                "%(moment)s has no time zone: write it as the export does, "
                'such as "2026-11-24T10:00:00+00:00".'
            )
            % {"moment": moment.isoformat()}
        )
    return moment


Moment = Annotated[
    datetime.datetime,
    parsed_as(models.DateTimeField()),
    AfterValidator(kept_day),
    AfterValidator(with_zone),
]


def jrnl_text(value):
    if not isinstance(value, str):
        raise problem(_("title and body must be text."), OF_RECORD)
    return value


def jrnl_day(value) -> datetime.date:
    try:
        if not str(value).isascii():  # ２０２６ reads as 2026
            raise ValueError
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        raise problem(
            _("date “%(date)s” is not a calendar day as YYYY-MM-DD.") % {"date": value}, OF_RECORD
        ) from None


JrnlText = Annotated[str, PlainValidator(jrnl_text)]
JrnlDay = Annotated[datetime.date, PlainValidator(jrnl_day), AfterValidator(kept_day)]
WeekStart = Annotated[datetime.date, parsed_as(models.DateField()), AfterValidator(kept_week)]
