"""Feed's quick periods fill From and To as the user's wall clock sees today; weeks start on
Monday, and the period the filters show is marked."""

import datetime
from unittest import mock

import pytest
from django.http import QueryDict
from django.urls import reverse

from conftest import make_entry, make_user
from journal.periods import period_bounds, quick_periods

D = datetime.date


def bounds(today):
    return [(str(label), start, end) for label, start, end in period_bounds(today)]


def test_the_periods_of_a_wednesday_in_november():
    assert bounds(D(2026, 11, 25)) == [
        ("This week", D(2026, 11, 23), D(2026, 11, 29)),
        ("Last week", D(2026, 11, 16), D(2026, 11, 22)),
        ("This month", D(2026, 11, 1), D(2026, 11, 30)),
        ("This quarter", D(2026, 10, 1), D(2026, 12, 31)),
    ]


def test_a_monday_starts_its_week_and_a_sunday_ends_it():
    assert bounds(D(2026, 3, 2))[0][1:] == (D(2026, 3, 2), D(2026, 3, 8))
    assert bounds(D(2026, 3, 8))[0][1:] == (D(2026, 3, 2), D(2026, 3, 8))


def test_last_week_crosses_the_year_and_february_ends_on_its_last_day():
    assert bounds(D(2027, 1, 1))[1][1:] == (D(2026, 12, 21), D(2026, 12, 27))
    assert bounds(D(2028, 2, 10))[2][1:] == (D(2028, 2, 1), D(2028, 2, 29))
    assert bounds(D(2026, 2, 10))[3][1:] == (D(2026, 1, 1), D(2026, 3, 31))


def test_a_period_keeps_the_other_filters_and_drops_the_position():
    params = QueryDict(
        "type=fact&q=%D0%BC%D0%B8%D0%B3%D1%80%D0%B0%D1%86%D0%B8%D1%8F&before=abc&after=d&day=2026-01-01"
    )

    week = quick_periods(D(2026, 11, 25), params)[0]

    assert QueryDict(week.query).dict() == {
        "type": "fact", "q": "миграция", "start": "2026-11-23", "end": "2026-11-29",
    }  # fmt: skip
    assert not week.current


@pytest.mark.django_db
def test_feed_offers_the_periods_in_the_users_time_zone_and_marks_the_one_shown(client_for):
    # 23:30 on Sunday 29 November in UTC is already Monday 30 November in Tokyo.
    user = make_user(time_zone="Asia/Tokyo")
    make_entry(user, date=D(2026, 11, 30))
    now = datetime.datetime(2026, 11, 29, 23, 30, tzinfo=datetime.UTC)
    client = client_for(user)

    with mock.patch("django.utils.timezone.now", return_value=now):
        page = client.get(reverse("journal:feed"))
        shown = client.get(reverse("journal:feed"), {"start": "2026-11-30", "end": "2026-12-06"})

    assert 'href="?start=2026-11-30&amp;end=2026-12-06">This week</a>' in page.text
    assert "aria-current" not in page.text.split('class="quick-periods"')[1].split("</p>")[0]
    assert 'end=2026-12-06" aria-current="true">This week</a>' in shown.text
    assert "1 entry" in shown.text and shown.context["total"] == 1
