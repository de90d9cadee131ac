"""What a file must be to be read: each check raises JournalFileError naming the record or
line at fault."""

import datetime
import functools
import json
import uuid
import zoneinfo

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import CheckConstraint
from django.utils import timezone
from django.utils.translation import gettext as _

from journal.models import ENTRY_TEXT_MAX_LENGTH, Entry
from journal.validation import (
    EARLIEST_DATE,
    LATEST_DATE,
    LONE_SURROGATE,
    date_range_message,
    validate_supported_date,
    validate_visible_text,
)

from ..models import Goal, WeekSummary
from .export import record_fields
from .report import JournalFileError


def printable(text: str, limit: int = 60) -> str:
    """Text of the file fit to show in a message: lone surrogates and NULs escaped (they
    cannot be written to a terminal), and cut short."""
    if LONE_SURROGATE.search(text) or "\x00" in text:
        text = json.dumps(text)[1:-1]
    return text if len(text) <= limit else text[: limit - 1] + "…"


def describe(error: ValidationError) -> str:
    if hasattr(error, "message_dict"):
        return "; ".join(
            f"{field}: {' '.join(messages)}" if field != "__all__" else " ".join(messages)
            for field, messages in error.message_dict.items()
        )
    return " ".join(error.messages)


def check_text(text: str, where: str):
    if "\x00" in text:
        raise JournalFileError(f"{where}: text holds a NUL character.")
    try:
        validate_visible_text(text)
    except ValidationError as error:
        raise JournalFileError(f"{where}: {describe(error)}") from None
    if len(text) > ENTRY_TEXT_MAX_LENGTH:
        raise JournalFileError(
            f"{where}: an entry can be at most {ENTRY_TEXT_MAX_LENGTH} characters long "
            f"(it has {len(text)})."
        )


def check_week(monday: datetime.date, where: str):
    """A week holding a day kept, as parse_iso_week accepts: the weeks of the range's first
    and last days reach a little past it (1970-W01 starts on 29 December 1969)."""
    if monday + datetime.timedelta(days=6) < EARLIEST_DATE or monday > LATEST_DATE:
        raise JournalFileError(f"{where}: {date_range_message(monday)}")


def check_day(day: datetime.date, where: str):
    try:
        validate_supported_date(day)
    except ValidationError as error:
        raise JournalFileError(f"{where}: {describe(error)}") from None


def build(model, record, where: str, *, nested=()):
    """An unsaved instance from an exported record, its values checked by the model's fields."""
    if not isinstance(record, dict):
        raise JournalFileError(f"{where}: a record must be an object.")
    fields = {field.name: field for field in record_fields(model)}
    unknown = set(record) - set(fields) - set(nested)
    if unknown:
        raise JournalFileError(f"{where}: unknown fields {', '.join(sorted(unknown))}.")
    if record.get("id") is None:
        raise JournalFileError(f"{where}: the record has no id.")
    values, references = {}, []
    for name, value in record.items():
        if name in nested:
            continue
        field = fields[name]
        if problem := json_type_problem(field, value):
            raise JournalFileError(f"{where}: {name}: {problem}")
        try:
            if field.is_relation:
                references.append(name)
                target = field.target_field
                values[field.attname] = None if value is None else target.to_python(value)
            else:
                values[name] = field.to_python(value)
        except ValidationError as error:
            raise JournalFileError(f"{where}: {name}: {describe(error)}") from None
        except (TypeError, ValueError, OverflowError):
            raise JournalFileError(f"{where}: {name}: {value!r} is not a valid value.") from None
        check_length(field, values.get(name), f"{where}: {name}")
        if isinstance(field, models.DateField) and values[name] and field.name != "week_start":
            check_day(values[name], f"{where}: {name}")
    if model is WeekSummary and isinstance(values.get("week_start"), datetime.date):
        check_week(values["week_start"], f"{where}: week_start")
    for name in VISIBLE_FIELDS.get(model, ()):
        if values.get(name) and isinstance(values[name], str):  # blank: full_clean says so
            try:
                validate_visible_text(values[name])
            except ValidationError as error:
                raise JournalFileError(f"{where}: {name}: {describe(error)}") from None
    instance = model(**values)
    for field in fields.values():
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            if getattr(instance, field.attname) is None:
                setattr(instance, field.attname, timezone.now())
    try:
        # Relations are checked against the file and the user's records, not the whole table.
        instance.full_clean(
            exclude=["user", "summary", *references],
            validate_unique=False,
            validate_constraints=False,
        )
        # Entries' checks (type, text not empty nor too long) are their fields' own, checked
        # above; asking the database for each of thousands of entries would be slow.
        if model is not Entry:
            for constraint in model._meta.constraints:
                if isinstance(constraint, CheckConstraint):
                    constraint.validate(model, instance)
    except ValidationError as error:
        raise JournalFileError(f"{where}: {describe(error)}") from None
    return instance


TEXT_TYPES = {"CharField", "TextField", "SlugField"}
NUMBER_TYPES = {"PositiveIntegerField", "IntegerField", "BigAutoField", "BigIntegerField"}


def json_type_problem(field, value) -> str:
    """What is wrong with the JSON type of `value` for `field`, or "": the fields' own
    to_python would turn a list into its Python text and the number 123 into a UUID."""
    if value is None:
        return ""
    kind = (field.target_field if field.is_relation else field).get_internal_type()
    if kind == "UUIDField":
        ok = isinstance(value, str) and is_proper_id(value)
        return (
            "" if ok else f"{printable(repr(value))} is not an id written as this app writes one."
        )
    if kind in ("DateField", "DateTimeField") and not (isinstance(value, str) and value.isascii()):
        shown = printable(repr(value))
        return f'{shown} is not a date: write it as a JSON string, such as "2026-11-24".'
    if kind in TEXT_TYPES and not isinstance(value, str):
        return "must be a text (a JSON string)."
    if kind == "BooleanField" and not isinstance(value, bool):
        return "must be true or false."
    if kind in NUMBER_TYPES and (isinstance(value, bool) or not isinstance(value, int)):
        return "must be a whole number."
    return ""


# Texts shown as the record's name or as all of it: one only of spaces and zero-width marks
# would be a blank line on the page and an empty link.
VISIBLE_FIELDS = {Entry: ["text"], Goal: ["title"]}


def check_length(field, value, where):
    """Text fields' max_length, which Django checks only in forms."""
    if field.max_length and isinstance(value, str) and len(value) > field.max_length:
        raise JournalFileError(
            f"{where}: at most {field.max_length} characters are allowed (it has {len(value)})."
        )


def record_label(name, index, record) -> str:
    record_id = record.get("id") if isinstance(record, dict) else None
    return f"{name}[{index}]" + (f" (id {record_id})" if record_id else "")


def uuid_list(value, where: str) -> list[uuid.UUID]:
    if not isinstance(value, list):
        raise JournalFileError(f"{where}: must be a list of ids.")
    try:
        return [uuid.UUID(str(item)) for item in value]
    except ValueError:
        raise JournalFileError(f"{where}: {value!r} holds something that is not an id.") from None


@functools.cache
def time_zones() -> frozenset:
    return frozenset(zoneinfo.available_timezones())


POINT_KEYS = {"id", "text", "entry_ids", "unsupported", "locked", "removed", "cited_count"}


def check_texts(value, where: str):
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise JournalFileError(f"{where}: must be a list of texts.")


def is_proper_id(text: str) -> bool:
    """A UUID written as this app writes one (32 hex digits, or with hyphens): uuid.UUID
    would also take braces and a urn: prefix, which have no place in a URL."""
    try:
        parsed = uuid.UUID(text)
    except ValueError:
        return False
    return text.lower() in (parsed.hex, str(parsed))


def check_bullets(bullets, where: str):
    """A cited point: its text and the ids of the entries it cites."""
    if not isinstance(bullets, list):
        raise JournalFileError(f"{where}: must be a list of points.")
    for index, item in enumerate(bullets):
        if not isinstance(item, dict) or not all(
            isinstance(item.get(key), str) for key in ("id", "text")
        ):
            raise JournalFileError(
                f"{where}[{index}]: a point must be an object with its id and text."
            )
        if not is_proper_id(item["id"]):
            raise JournalFileError(
                _("%(where)s: id: “%(id)s” is not an id; an id is a UUID, such as %(example)s.")
                % {
                    "where": f"{where}[{index}]",
                    "id": printable(item["id"]),
                    "example": "0f8e4b6c3c1a4d2e9b7a5e6f7a8b9c0d",
                }
            )
        uuid_list(item.get("entry_ids"), f"{where}[{index}]: entry_ids")
        check_texts(item.get("unsupported", []), f"{where}[{index}]: unsupported")
        count = item.get("cited_count", 0)
        if type(count) is not int or not 0 <= count <= 10_000:
            raise JournalFileError(
                f"{where}[{index}]: cited_count must be a whole number from 0 to 10,000."
            )
        for flag in ("locked", "removed"):
            if not isinstance(item.get(flag, False), bool):
                raise JournalFileError(f"{where}[{index}]: {flag} must be true or false.")
        if unknown := set(item) - POINT_KEYS:
            raise JournalFileError(
                f"{where}[{index}]: unknown fields {', '.join(sorted(unknown))}."
            )
