"""Feed's calendar: a year of days shaded by the facts written on each, and the current
streak of working days with a fact.

53 weeks, Monday first, ending with this week in the user's time zone; a column per week, a
row per weekday, each past day a link to its Today page. The cells are built here as SVG
markup rather than in a template loop: 371 cells through the template engine would cost
Feed more than the rest of its rows.
"""

import bisect
import dataclasses
import datetime

from django.db.models import Count
from django.utils.dateformat import DateFormat
from django.utils.formats import date_format, get_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext

from .models import Entry, is_working_day, monday_of, previous_working_day
from .rows import day_url

WEEKS = 53
CELL = 10  # px, a day's square
PITCH = 13  # px from one day to the next
WEEKDAYS_WIDTH = 30  # px for the weekday labels, an SVG of their own beside the grid's
TOP = 16  # px for the month labels
WIDTH = WEEKS * PITCH + 12  # room for a month's name over the last week
HEIGHT = TOP + 7 * PITCH
# Facts on a day -> its shade: none, 1, 2, 3-4, 5 or more.
LEVEL_FLOORS = (1, 2, 3, 5)
LEVELS = range(len(LEVEL_FLOORS) + 1)


def level(count: int) -> int:
    return bisect.bisect_right(LEVEL_FLOORS, count)


def facts_per_day(user, start: datetime.date, end: datetime.date) -> dict[datetime.date, int]:
    """{day: facts written on it} for the days from start to end that have any, in one
    aggregate query (entry_user_type_date_idx)."""
    rows = (
        Entry.objects.for_user(user)
        .facts()
        .filter(date__range=(start, end))
        .values("date")
        .annotate(count=Count("pk"))
        .order_by()
    )
    return {row["date"]: row["count"] for row in rows}


def streak(counts, today: datetime.date, start: datetime.date) -> tuple[int, bool]:
    """Working days with a fact, counted back from today up to the first working day
    without one, and whether the count reached `start` unbroken (then older days may go on
    with it). A weekend day neither counts nor breaks it, nor does today without a fact yet."""
    days, day = 0, today
    if not counts.get(today):
        day -= datetime.timedelta(days=1)
    while day >= start:
        if is_working_day(day):
            if not counts.get(day):
                return days, False
            days += 1
        day -= datetime.timedelta(days=1)
    return days, True


def current_streak(user, counts, today: datetime.date, start: datetime.date) -> int:
    days, unbroken = streak(counts, today, start)
    if unbroken and days:  # a streak as long as the year shown goes on before it
        days += _streak_before(user, start)
    return days


def _streak_before(user, start: datetime.date) -> int:
    """Working days with a fact right before `start`, back to the first without one: one
    query of the days with facts, newest first, read only as far as the gap."""
    days_with_facts = (
        Entry.objects.for_user(user)
        .facts()
        .filter(date__lt=start)
        .values_list("date", flat=True)
        .distinct()
        .order_by("-date")
        .iterator(chunk_size=200)
    )
    days, expected = 0, previous_working_day(start)
    for day in days_with_facts:
        if day > expected:  # a weekend day's fact: neither counts nor breaks
            continue
        if day < expected:  # the expected working day had none
            break
        days += 1
        expected = previous_working_day(expected)
    return days


@dataclasses.dataclass(frozen=True)
class Heatmap:
    cells: SafeString  # the days' <a><title/><rect/></a> markup
    months: SafeString  # the month labels over the grid
    weekdays: SafeString  # Mon, Wed, Fri: outside the grid's scroller, so a phone keeps them
    start: datetime.date
    end: datetime.date
    total: int
    streak: int
    width: int = WIDTH
    height: int = HEIGHT
    weekdays_width: int = WEEKDAYS_WIDTH
    levels: range = LEVELS


class _MonthFormat(DateFormat):
    """A month's dates in the locale's DATE_FORMAT with the day number left as a
    placeholder: formatting 371 dates one by one took 8 ms of Feed's time (2026-12-01)."""

    def d(self):
        return "\x00"

    def j(self):
        return "\x01"


# Format characters that change within a month, other than d and j: dates one by one then.
DAY_DEPENDENT = set("lDwSzWUrcoIL")


def _day_texts(start: datetime.date, end: datetime.date) -> list[str]:
    """Each day's date as the locale writes it (DATE_FORMAT), HTML-escaped, start to end."""
    date_format_string = get_format("DATE_FORMAT")
    days = [start + datetime.timedelta(days=n) for n in range((end - start).days + 1)]
    if DAY_DEPENDENT & set(date_format_string):
        return [escape(date_format(day, "DATE_FORMAT")) for day in days]
    months, texts = {}, []
    for day in days:
        month = months.get((day.year, day.month))
        if month is None:
            month = escape(_MonthFormat(day).format(date_format_string))
            months[(day.year, day.month)] = month
        texts.append(month.replace("\x00", f"{day.day:02}").replace("\x01", str(day.day)))
    return texts


def _title_format(count: int) -> str:
    """The title of a day with `count` facts, escaped, its date left as %(date)s."""
    if not count:
        return escape(gettext("No facts on %(date)s"))
    text = ngettext("%(count)s fact on %(date)s", "%(count)s facts on %(date)s", count)
    return escape(text.replace("%(count)s", str(count)))


def _cells(counts, start: datetime.date, today: datetime.date) -> str:
    base = day_url(start).partition("?")[0]  # day_url's path: one reverse() for 371 days
    titles: dict[int, str] = {}
    cells = []
    for index, text in enumerate(_day_texts(start, today)):
        day = start + datetime.timedelta(days=index)
        count = counts.get(day, 0)
        if count not in titles:
            titles[count] = _title_format(count)
        today_class = " heatmap__day--today" if day == today else ""
        cells.append(
            f'<a href="{base}?date={day.isoformat()}"><title>{titles[count] % {"date": text}}'
            f'</title><rect class="heatmap__day heatmap__day--{level(count)}{today_class}"'
            f' x="{index // 7 * PITCH}" y="{TOP + index % 7 * PITCH}"'
            f' width="{CELL}" height="{CELL}" rx="2"/></a>'
        )
    return "".join(cells)


def _months(start: datetime.date) -> str:
    """Month names over the week a month begins in."""
    labels = []
    for column in range(WEEKS):
        sunday = start + datetime.timedelta(weeks=column, days=6)
        if sunday.day <= 7:  # the 1st is in this week
            month = escape(date_format(sunday, "M"))
            x = column * PITCH
            labels.append(f'<text class="heatmap__label" x="{x}" y="{TOP - 5}">{month}</text>')
    return "".join(labels)


def _weekdays(start: datetime.date) -> str:
    """Mon, Wed, Fri, level with their rows of the grid (the same TOP and PITCH)."""
    labels = []
    for row in (0, 2, 4):
        weekday = escape(date_format(start + datetime.timedelta(days=row), "D"))
        y = TOP + row * PITCH + CELL - 1
        labels.append(f'<text class="heatmap__label" x="0" y="{y}">{weekday}</text>')
    return "".join(labels)


def year_of_facts(user, today: datetime.date) -> Heatmap:
    """The heatmap of the 53 weeks that end with today's (days after today left out)."""
    this_monday = monday_of(today)
    start = this_monday - datetime.timedelta(weeks=WEEKS - 1)
    counts = facts_per_day(user, start, today)
    return Heatmap(
        cells=mark_safe(_cells(counts, start, today)),
        months=mark_safe(_months(start)),
        weekdays=mark_safe(_weekdays(start)),
        start=start,
        end=today,
        total=sum(counts.values()),
        streak=current_streak(user, counts, today, start),
    )
