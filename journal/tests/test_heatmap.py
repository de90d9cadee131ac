"""Feed's year of facts: 53 weeks ending this week in the user's time zone, a shaded cell
per day linking to that day, titled with its facts; and the streak of working days with a
fact, which a weekend does not break, nor today before its first fact."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format

from conftest import make_entry, make_user
from journal import heatmap
from journal.rows import day_url

pytestmark = pytest.mark.django_db

D = datetime.date
TUESDAY = D(2026, 11, 24)
FEED_URL = reverse("journal:feed")
YEAR_URL = reverse("journal:feed-year")
HTMX = {"HX-Request": "true"}


def cell_of(html: str, day: datetime.date) -> str:
    found = re.search(rf'<a href="{re.escape(day_url(day))}">.*?</a>', html)
    assert found, day
    return found.group(0)


def facts_on(user, *days, per_day=1):
    for day in days:
        for _ in range(per_day):
            make_entry(user, type="fact", text="Did it", date=day)


def test_the_year_is_53_weeks_from_a_monday_to_today():
    year = heatmap.year_of_facts(make_user(), TUESDAY)

    assert year.start == D(2025, 11, 24) and year.start.weekday() == 0
    assert (TUESDAY - year.start).days == 52 * 7 + 1
    assert year.cells.count("<rect") == 52 * 7 + 2  # the days after today are left out
    assert day_url(D(2026, 11, 25)) not in year.cells


def test_each_day_links_to_its_today_page_and_says_how_many_facts():
    user = make_user()
    facts_on(user, D(2026, 3, 12), per_day=3)
    facts_on(user, D(2026, 3, 13))

    cells = heatmap.year_of_facts(user, TUESDAY).cells

    march_12 = date_format(D(2026, 3, 12), "DATE_FORMAT")
    assert f"<title>3 facts on {march_12}</title>" in cell_of(cells, D(2026, 3, 12))
    march_13 = date_format(D(2026, 3, 13), "DATE_FORMAT")
    assert f"<title>1 fact on {march_13}</title>" in cell_of(cells, D(2026, 3, 13))
    march_14 = date_format(D(2026, 3, 14), "DATE_FORMAT")
    assert f"<title>No facts on {march_14}</title>" in cell_of(cells, D(2026, 3, 14))


def test_dates_in_titles_are_written_as_the_language_writes_them():
    user = make_user()
    facts_on(user, D(2026, 3, 12), per_day=2)

    with translation.override("ru"):
        cells = heatmap.year_of_facts(user, TUESDAY).cells

    assert "12 марта 2026" in cell_of(cells, D(2026, 3, 12))


@pytest.mark.parametrize(
    ("count", "level"), [(0, 0), (1, 1), (2, 2), (3, 3), (4, 3), (5, 4), (12, 4)]
)
def test_days_are_shaded_by_their_facts(count, level):
    user = make_user()
    facts_on(user, D(2026, 6, 3), per_day=count)

    cell = cell_of(heatmap.year_of_facts(user, TUESDAY).cells, D(2026, 6, 3))

    assert f'class="heatmap__day heatmap__day--{level}"' in cell


def test_only_the_users_facts_count_not_plans_or_strangers_facts():
    user = make_user()
    facts_on(user, D(2026, 6, 3))
    make_entry(user, type="plan", text="A plan", date=D(2026, 6, 3))
    facts_on(make_user(), D(2026, 6, 3), per_day=4)

    year = heatmap.year_of_facts(user, TUESDAY)

    assert year.total == 1
    assert "heatmap__day--1" in cell_of(year.cells, D(2026, 6, 3))


def test_the_year_is_one_query(django_assert_num_queries):
    user = make_user()
    facts_on(user, D(2026, 1, 5), D(2026, 6, 3), TUESDAY)

    with django_assert_num_queries(1):
        heatmap.year_of_facts(user, TUESDAY)


def test_facts_older_than_the_year_are_not_shown():
    user = make_user()
    facts_on(user, D(2025, 11, 23), D(2026, 11, 25))

    year = heatmap.year_of_facts(user, TUESDAY)

    assert year.total == 0


# Streaks, with today Wednesday 25 November 2026 (Mon 23, Tue 24; Sat 21, Sun 22; Fri 20).
WEDNESDAY = D(2026, 11, 25)


def streak_of(*days):
    counts = dict.fromkeys(days, 1)
    return heatmap.streak(counts, WEDNESDAY, WEDNESDAY - datetime.timedelta(days=300))[0]


def test_a_streak_counts_working_days_with_a_fact_back_from_today():
    assert streak_of(D(2026, 11, 23), D(2026, 11, 24), WEDNESDAY) == 3


def test_today_without_a_fact_yet_does_not_break_the_streak():
    assert streak_of(D(2026, 11, 23), D(2026, 11, 24)) == 2


def test_a_weekend_neither_breaks_nor_counts():
    assert streak_of(D(2026, 11, 19), D(2026, 11, 20), D(2026, 11, 23), D(2026, 11, 24)) == 4
    weekend = D(2026, 11, 21), D(2026, 11, 22)
    assert streak_of(D(2026, 11, 20), *weekend, D(2026, 11, 23), D(2026, 11, 24)) == 3


def test_a_working_day_without_a_fact_ends_the_streak():
    assert streak_of(D(2026, 11, 23), WEDNESDAY) == 1
    assert streak_of(D(2026, 11, 23)) == 0


def test_a_streak_longer_than_the_year_is_counted_whole():
    user = make_user()
    first = D(2025, 6, 2)  # a Monday, 18 months before
    days = [first + datetime.timedelta(days=n) for n in range((WEDNESDAY - first).days + 1)]
    working = [day for day in days if day.weekday() < 5]
    facts_on(user, *working)

    year = heatmap.year_of_facts(user, WEDNESDAY)

    assert year.streak == len(working)


def test_a_streak_longer_than_the_year_ends_at_its_gap_and_is_one_query_more(
    django_assert_num_queries,
):
    user = make_user()
    first, gap = D(2025, 6, 2), D(2025, 8, 5)  # a Monday, and a Tuesday without a fact
    days = [first + datetime.timedelta(days=n) for n in range((WEDNESDAY - first).days + 1)]
    facts_on(user, *[day for day in days if day != gap])  # weekends too: they don't break it

    with django_assert_num_queries(2):
        year = heatmap.year_of_facts(user, WEDNESDAY)

    assert year.streak == len([day for day in days if day > gap and day.weekday() < 5])


@time_machine.travel(datetime.datetime(2026, 11, 24, 22, 30, tzinfo=datetime.UTC), tick=False)
def test_the_year_ends_today_in_the_users_time_zone(client_for):
    # 22:30 UTC on Tuesday the 24th is already Wednesday the 25th in Moscow.
    user = make_user(time_zone="Europe/Moscow")
    facts_on(user, D(2026, 11, 23), D(2026, 11, 24), D(2026, 11, 25))

    page = client_for(user).get(YEAR_URL, headers=HTMX).text

    today = cell_of(page, D(2026, 11, 25))
    assert "heatmap__day--today" in today and "1 fact on" in today
    assert day_url(D(2026, 11, 26)) not in page
    assert "Current streak: 3 working days with a fact" in page
    assert "3 facts in the last year" in page


@time_machine.travel(datetime.datetime(2026, 11, 24, 12, 0, tzinfo=datetime.UTC), tick=False)
def test_it_says_there_is_no_streak_yet(client_for):
    user = make_user()
    facts_on(user, D(2026, 11, 19))

    page = client_for(user).get(YEAR_URL, headers=HTMX).text

    assert "No streak yet: a fact today starts one." in page
    assert "1 fact in the last year" in page


@time_machine.travel(datetime.datetime(2026, 11, 24, 12, 0, tzinfo=datetime.UTC), tick=False)
def test_the_heatmap_is_inline_svg_without_style_attributes(client_for):
    user = make_user()
    facts_on(user, D(2026, 11, 19))

    page = client_for(user).get(YEAR_URL).text
    svg = page[page.index('<svg class="heatmap__grid"') :]
    svg = svg[: svg.index("</svg>")]

    assert "style=" not in svg and "<script" not in svg
    assert svg.count("<a href=") == (TUESDAY - D(2025, 11, 24)).days + 1


@time_machine.travel(datetime.datetime(2026, 11, 24, 12, 0, tzinfo=datetime.UTC), tick=False)
def test_the_weekday_labels_are_an_svg_of_their_own_outside_the_scroller(client_for):
    # So that a phone, scrolled to this week, still shows which row is which day.
    page = client_for(make_user()).get(YEAR_URL, headers=HTMX).text
    frame = page[page.index('<div class="heatmap__frame">') :]
    weekdays = frame[: frame.index('<div class="heatmap__scroll">')]
    grid = frame[frame.index('<svg class="heatmap__grid"') :]
    grid = grid[: grid.index("</svg>")]

    assert weekdays.startswith('<div class="heatmap__frame">\n    <svg class="heatmap__weekdays"')
    assert 'aria-hidden="true"' in weekdays  # each day's title names its date
    assert all(f">{label}</text>" in weekdays for label in ("Mon", "Wed", "Fri"))
    assert ">Mon</text>" not in grid and ">Dec</text>" in grid
    # Level with the grid's rows: the same height, Monday's row at the same y in both.
    assert f'height="{heatmap.HEIGHT}"' in weekdays and f'height="{heatmap.HEIGHT}"' in grid
    monday = cell_of(grid, D(2025, 11, 24))  # the first cell, at the grid's left edge
    assert f'x="0" y="{heatmap.TOP}"' in monday


def test_feed_loads_the_year_after_its_rows_and_links_to_it_without_javascript(client_for):
    user = make_user()
    facts_on(user, TUESDAY)

    page = client_for(user).get(FEED_URL).text

    slot = page[page.index('<div class="heatmap-slot"') :]
    slot = slot[: slot.index("</div>")]
    assert f'hx-get="{YEAR_URL}" hx-trigger="load" hx-swap="outerHTML"' in slot
    assert f'<a href="{YEAR_URL}">Your year of facts</a>' in slot
    assert "<svg" not in slot


def test_htmx_gets_the_fragment_and_a_plain_request_a_page(client_for):
    user = make_user()
    client = client_for(user)

    fragment = client.get(YEAR_URL, headers=HTMX)
    page = client.get(YEAR_URL)

    assert fragment.text.lstrip().startswith('<section class="heatmap"')
    assert "<html" in page.text and '<section class="heatmap"' in page.text


def test_the_year_is_for_the_logged_in_only_and_only_read(client, client_for):
    assert client.get(YEAR_URL).status_code == 302
    assert client_for(make_user()).post(YEAR_URL).status_code == 405


def test_the_year_page_is_one_query_after_the_session(client_for, django_assert_num_queries):
    user = make_user()
    facts_on(user, TUESDAY)
    client = client_for(user)
    client.get(YEAR_URL, headers=HTMX)

    # session + user + profile (middleware), then the year's aggregate.
    with django_assert_num_queries(4):
        client.get(YEAR_URL, headers=HTMX)
