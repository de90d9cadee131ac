"""Feed's quick periods: this week, last week, this month, this quarter, as the user's
wall clock sees today (Profile.today()); weeks start on Monday."""

import calendar
import datetime
import typing

from django.utils.translation import gettext_lazy as _

from .models import monday_of
from .paging import without_position


class QuickPeriod(typing.NamedTuple):
    label: str
    start: datetime.date
    end: datetime.date
    query: str  # the Feed's query string for it, the other filters kept
    current: bool  # the filters show exactly this period


def month_end(day: datetime.date) -> datetime.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def period_bounds(today: datetime.date) -> list[tuple[str, datetime.date, datetime.date]]:
    monday = monday_of(today)
    week = datetime.timedelta(days=7)
    quarter_start = today.replace(month=(today.month - 1) // 3 * 3 + 1, day=1)
    quarter_end = month_end(quarter_start.replace(month=quarter_start.month + 2))
    return [
        (_("This week"), monday, monday + datetime.timedelta(days=6)),
        (_("Last week"), monday - week, monday - datetime.timedelta(days=1)),
        (_("This month"), today.replace(day=1), month_end(today)),
        (_("This quarter"), quarter_start, quarter_end),
    ]


def quick_periods(today: datetime.date, params) -> list[QuickPeriod]:
    """The periods as links of Feed's filter form; `params` is the request's query."""
    periods = []
    query = without_position(params)  # a new period starts at its newest
    for label, start, end in period_bounds(today):
        query["start"], query["end"] = start.isoformat(), end.isoformat()
        current = (params.get("start"), params.get("end")) == (start.isoformat(), end.isoformat())
        periods.append(QuickPeriod(str(label), start, end, query.urlencode(), current))
    return periods
