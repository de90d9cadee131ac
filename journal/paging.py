"""Feed's pages by keyset: each page is the entries just older (or newer) than an entry's
position (date, created_at, id), so its cost is one indexed range read of a page and a row,
however deep the user has scrolled and however many entries anyone has. Django's Paginator
counted the whole journal on every page and read pages by OFFSET: page 1,000 cost three
times page 100 and the count grew with the journal (issue 18's figures, 2026-12-02).

A page also knows whether its first day began on the page before ("continued" on its
heading) and whether its last day goes on to the next page, from the row it reads beyond
its end and the day of the position it starts from: no query more.

The API's pages (journal/api.py) use the same positions, oldest first.
"""

import base64
import binascii
import dataclasses
import datetime
import uuid

from django.db.models import Q

from .validation import is_supported_date

NEWEST_FIRST = ("-date", "-created_at", "-id")
# The query parameters that say where a page stands, not what it shows.
POSITION_PARAMS = ("before", "after", "day")
OLDEST_FIRST = ("date", "created_at", "id")


@dataclasses.dataclass(frozen=True)
class Position:
    date: datetime.date
    created_at: datetime.datetime
    id: uuid.UUID


def cursor_of(entry) -> str:
    """The position of `entry`, as the opaque string that links carry."""
    raw = f"{entry.date.isoformat()}|{entry.created_at.isoformat()}|{entry.pk}"
    return base64.urlsafe_b64encode(raw.encode()).decode()


def parse_cursor(cursor: str) -> Position:
    """The position a cursor stands for; ValueError for anything else (a forged or damaged
    cursor), never a date or time the database cannot compare."""
    try:
        day, created, pk = base64.urlsafe_b64decode(cursor.encode()).decode().split("|")
        day = datetime.date.fromisoformat(day)
        created = datetime.datetime.fromisoformat(created)
        if created.tzinfo is None:  # cursor_of writes an aware time
            raise ValueError
        created = created.astimezone(datetime.UTC)
        if not (is_supported_date(day) and is_supported_date(created.date())):
            raise ValueError
        return Position(day, created, uuid.UUID(pk))
    except (ValueError, OverflowError, binascii.Error, UnicodeError):
        raise ValueError(cursor) from None


def without_position(params):
    """A copy of the request's query `params` with no position: the newest page of the
    same filters."""
    query = params.copy()
    for name in POSITION_PARAMS:
        query.pop(name, None)
    return query


def older_than(at: Position) -> Q:
    # The plain `date <= day` lets the index seek to the position; the rest orders the day.
    return Q(date__lte=at.date) & (
        Q(date__lt=at.date)
        | Q(date=at.date, created_at__lt=at.created_at)
        | Q(date=at.date, created_at=at.created_at, id__lt=at.id)
    )


def newer_than(at: Position) -> Q:
    return Q(date__gte=at.date) & (
        Q(date__gt=at.date)
        | Q(date=at.date, created_at__gt=at.created_at)
        | Q(date=at.date, created_at=at.created_at, id__gt=at.id)
    )


@dataclasses.dataclass
class FeedPage:
    object_list: list
    # Cursors for the Newer and Older links; None where there is nothing that way.
    newer: str | None = None
    older: str | None = None
    continued: bool = False  # its first day began on the newer page
    continues: bool = False  # its last day goes on to the older page

    @property
    def is_first(self) -> bool:
        return self.newer is None

    @property
    def has_other_pages(self) -> bool:
        return self.newer is not None or self.older is not None

    @property
    def first_day(self):
        return self.object_list[-1].date if self.object_list else None

    @property
    def last_day(self):
        return self.object_list[0].date if self.object_list else None


def first_page(entries, size: int) -> FeedPage:
    """The newest `size` entries of the queryset `entries`."""
    return _older_page(entries.order_by(*NEWEST_FIRST), size, has_newer=False, from_day=None)


def last_page(entries, size: int) -> FeedPage:
    """The oldest `size` entries, newest first."""
    rows = list(entries.order_by(*OLDEST_FIRST)[: size + 1])
    return _newer_page(rows, size, has_older=False, from_day=None)


def page_older_than(entries, cursor: str, size: int) -> FeedPage:
    """The `size` entries just older than the position `cursor` (the newer page's last).
    With none left there (they were deleted), the oldest page."""
    at = parse_cursor(cursor)
    rows = entries.filter(older_than(at)).order_by(*NEWEST_FIRST)
    page = _older_page(rows, size, has_newer=True, from_day=at.date)
    return page if page.object_list else last_page(entries, size)


def page_newer_than(entries, cursor: str, size: int) -> FeedPage:
    """The `size` entries just newer than the position `cursor` (the older page's first),
    newest first. Where fewer are newer, those (the newest, after a "Go to day"): a full
    first page would show again entries the page before showed. With none, the first."""
    at = parse_cursor(cursor)
    rows = list(entries.filter(newer_than(at)).order_by(*OLDEST_FIRST)[: size + 1])
    if not rows:
        return first_page(entries, size)
    return _newer_page(rows, size, has_older=True, from_day=at.date)


def page_from_day(entries, day: datetime.date, size: int) -> FeedPage:
    """The page that starts with the newest entry of `day` or, with none that day, of the
    day before it that has one (with none before, the oldest page). One query more than
    another page: whether any entry is newer."""
    rows = entries.filter(date__lte=day).order_by(*NEWEST_FIRST)
    has_newer = entries.filter(date__gt=day).exists()
    page = _older_page(rows, size, has_newer=has_newer, from_day=None)
    return page if page.object_list else last_page(entries, size)


def _older_page(rows, size, *, has_newer, from_day) -> FeedPage:
    """A page from `rows` ordered newest first, just older than a position of the day
    `from_day` (None from the top or a day's start); `has_newer` where any entry is newer."""
    rows = list(rows[: size + 1])
    shown, beyond = rows[:size], rows[size] if len(rows) > size else None
    return FeedPage(
        shown,
        newer=cursor_of(shown[0]) if shown and has_newer else None,
        older=cursor_of(shown[-1]) if beyond else None,
        continued=bool(shown and from_day == shown[0].date),
        continues=bool(beyond and beyond.date == shown[-1].date),
    )


def _newer_page(rows, size, *, has_older, from_day) -> FeedPage:
    """A page from `rows` ordered oldest first, just newer than a position of the day
    `from_day` (None from the bottom); `has_older` where any entry is older."""
    shown, beyond = rows[:size][::-1], rows[size] if len(rows) > size else None
    return FeedPage(
        shown,
        newer=cursor_of(shown[0]) if beyond else None,
        older=cursor_of(shown[-1]) if shown and has_older else None,
        continued=bool(beyond and beyond.date == shown[0].date),
        continues=bool(shown and from_day == shown[-1].date),
    )
