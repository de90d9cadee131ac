"""What every way in (forms, the API, URLs, imports) accepts: one range of dates, text a
person can see, text a database can store, and ISO weeks written one way.

Each check raises django.core.exceptions.ValidationError with a sentence a user can act on;
forms show it as a field error, the API as a 400 and the importers name the record with it.
"""

import datetime
import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext as _

# Wide enough for any working life, narrow enough that a week, a period or an ISO week of
# it never reaches the calendar's ends (year 1 and 9999, where date arithmetic overflows).
EARLIEST_DATE = datetime.date(1970, 1, 1)
LATEST_DATE = datetime.date(2100, 12, 31)

ISO_WEEK = re.compile(r"([0-9]{4})-W([0-9]{2})")  # ASCII digits: \d takes ２ and ٤ too
LONE_SURROGATE = re.compile("[\ud800-\udfff]")
# Characters that show nothing: spaces, zero-width and other format marks, controls.
INVISIBLE_CATEGORIES = {"Zs", "Zl", "Zp", "Cc", "Cf", "Mn", "Me"}
# Letters and symbols that draw nothing: the Hangul fillers and the blank Braille cell.
BLANK_CHARACTERS = {"\u115f", "\u1160", "\u3164", "\uffa0", "\u2800"}


def is_supported_date(day: datetime.date) -> bool:
    return EARLIEST_DATE <= day <= LATEST_DATE


def date_range_message(day=None) -> str:
    params = {
        "earliest": formats.date_format(EARLIEST_DATE),
        "latest": formats.date_format(LATEST_DATE),
    }
    if day is None:
        return _("Perf Assist keeps dates from %(earliest)s to %(latest)s.") % params
    return _("%(date)s is outside the dates Perf Assist keeps (%(earliest)s to %(latest)s).") % {
        **params,
        "date": day.isoformat() if isinstance(day, datetime.date) else day,
    }


def validate_supported_date(day: datetime.date) -> None:
    """A model and form field validator: the date is within EARLIEST_DATE–LATEST_DATE."""
    if isinstance(day, datetime.datetime):
        day = day.date()
    if not is_supported_date(day):
        raise ValidationError(date_range_message(day), code="date_out_of_range")


def parse_supported_date(text: str) -> datetime.date:
    """A date written as YYYY-MM-DD within the supported range, else ValidationError."""
    try:
        if not str(text).isascii():  # fromisoformat reads ２０２６ as 2026
            raise ValueError
        day = datetime.date.fromisoformat(str(text).strip())
    except ValueError:
        raise ValidationError(
            _("%(value)s is not a date; write it as 2026-11-24.") % {"value": text},
            code="invalid_date",
        ) from None
    validate_supported_date(day)
    return day


def validate_storable_text(text: str) -> None:
    """Text a database can store: no lone UTF-16 surrogate (JSON can carry "\\ud800",
    UTF-8 cannot encode it)."""
    if isinstance(text, str) and LONE_SURROGATE.search(text):
        raise ValidationError(lone_surrogate_message(), code="lone_surrogate")


def lone_surrogate_message() -> str:
    return _("The text holds a broken character (a lone surrogate, such as \\ud800): "
             "remove it and try again.")  # fmt: skip


def has_visible_character(text: str) -> bool:
    return any(
        unicodedata.category(char) not in INVISIBLE_CATEGORIES and char not in BLANK_CHARACTERS
        for char in text or ""
    )


def validate_visible_text(text: str) -> None:
    """Text with at least one character a reader can see (not only spaces or zero-width
    marks), and storable."""
    validate_storable_text(text)
    if not has_visible_character(text):
        raise ValidationError(
            _("Write something: the text has no visible character."), code="invisible"
        )


def parse_iso_week(text: str) -> datetime.date:
    """The Monday of an ISO week written the canonical way, 2026-W47, holding a supported
    day; ValidationError otherwise. The weeks of the range's first and last days reach a
    little past it (1970-W01 starts on 29 December 1969): they are the weeks of entries
    that may be kept, so they are accepted."""
    match = ISO_WEEK.fullmatch(str(text))
    try:
        if not match:
            raise ValueError
        monday = datetime.date.fromisocalendar(int(match[1]), int(match[2]), 1)
    except ValueError:
        raise ValidationError(
            _("%(week)s is not an ISO week; write it as 2026-W47.") % {"week": text},
            code="invalid_week",
        ) from None
    # Its Sunday not before the first day, its Monday not after the last (no arithmetic
    # on the Monday: 9999-W52 ends past the calendar).
    if monday < EARLIEST_DATE - datetime.timedelta(days=6) or monday > LATEST_DATE:
        raise ValidationError(date_range_message(text), code="date_out_of_range")
    return monday
