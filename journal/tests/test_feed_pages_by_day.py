"""A day never splits across Feed's pages: pages hold whole days, about twenty entries each,
and a day with more than that is a page of its own."""

import datetime

import pytest
from django.urls import reverse

from conftest import make_entry, make_user

pytestmark = pytest.mark.django_db
D = datetime.date
FEED_URL = reverse("journal:feed")


def fill_day(user, day, count, text="Entry"):
    for n in range(count):
        make_entry(user, date=day, text=f"{text} {n}")


def days_of(response):
    """The page's days, newest first, each once."""
    return list(dict.fromkeys(entry.date for entry in response.context["page"].object_list))


def test_a_day_that_would_pass_the_page_size_starts_the_next_page(client_for):
    user = make_user()
    fill_day(user, D(2026, 3, 5), 15)
    fill_day(user, D(2026, 3, 4), 10)  # 25 with the day before: it goes to page 2 whole
    fill_day(user, D(2026, 3, 3), 3)
    client = client_for(user)

    first, second = client.get(FEED_URL), client.get(FEED_URL, {"page": 2})

    assert days_of(first) == [D(2026, 3, 5)]
    assert days_of(second) == [D(2026, 3, 4), D(2026, 3, 3)]
    assert len(second.context["page"].object_list) == 13
    assert first.context["page"].paginator.count == 28
    assert first.context["page"].paginator.num_pages == 2
    assert first.text.count('id="day-2026-03-05"') == 1 and 'id="day-2026-03-04"' not in first.text


def test_a_day_larger_than_a_page_is_one_page(client_for):
    user = make_user()
    make_entry(user, date=D(2026, 3, 6), text="Newest")
    fill_day(user, D(2026, 3, 5), 45)
    make_entry(user, date=D(2026, 3, 4), text="Oldest")
    client = client_for(user)

    pages = [client.get(FEED_URL, {"page": n}).context["page"] for n in (1, 2, 3)]

    assert [len(page.object_list) for page in pages] == [1, 45, 1]
    assert {entry.date for entry in pages[1].object_list} == {D(2026, 3, 5)}
    assert pages[0].paginator.num_pages == 3


def test_days_fill_a_page_up_to_the_page_size(client_for):
    user = make_user()
    for n in range(10):
        fill_day(user, D(2026, 3, 20) - datetime.timedelta(days=n), 4)  # 40 entries

    page = client_for(user).get(FEED_URL).context["page"]

    assert len(page.object_list) == 20 and len(set(e.date for e in page.object_list)) == 5
    assert page.paginator.num_pages == 2


def test_pages_by_day_follow_the_filters(client_for):
    user = make_user()
    fill_day(user, D(2026, 3, 5), 15, text="deploy")
    fill_day(user, D(2026, 3, 5), 30, text="other")
    fill_day(user, D(2026, 3, 4), 10, text="deploy")

    page = client_for(user).get(FEED_URL, {"q": "deploy"}).context["page"]

    assert page.paginator.count == 25 and page.paginator.num_pages == 2
    assert [e.date for e in page.object_list] == [D(2026, 3, 5)] * 15


def test_an_empty_feed_is_one_empty_page(client_for):
    page = client_for(make_user()).get(FEED_URL, {"page": 4}).context["page"]

    assert (page.number, page.paginator.num_pages, list(page.object_list)) == (1, 1, [])


def test_within_a_day_the_newest_entry_comes_first(client_for):
    user = make_user()
    fill_day(user, D(2026, 3, 5), 3)

    page = client_for(user).get(FEED_URL).context["page"]

    assert [e.text for e in page.object_list] == ["Entry 2", "Entry 1", "Entry 0"]
