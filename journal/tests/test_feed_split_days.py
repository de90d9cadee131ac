"""A day that a page's end splits is never shown as two days of the same name: the next
page heads it "(continued)" and this one says more of it follows, at no query more."""

import datetime
import html
import re

import pytest
from django.urls import reverse

from conftest import make_entry, make_user

pytestmark = pytest.mark.django_db
D = datetime.date
FEED_URL = reverse("journal:feed")


def older(client, response):
    """The page its Older link leads to."""
    href = re.search(r'href="(\?[^"]*)" rel="next"', response.text).group(1)
    return client.get(FEED_URL + html.unescape(href))


def fill_day(user, day, count, text="Entry"):
    for n in range(count):
        make_entry(user, date=day, text=f"{text} {n}")


def heading(response, day):
    """The day's h2 as the page renders it."""
    text = response.text.split(f'id="day-{day.isoformat()}"')[1]
    return text.split("<h2>")[1].split("</h2>")[0]


def test_a_split_day_is_continued_on_the_next_page(client_for):
    user = make_user()
    fill_day(user, D(2026, 3, 5), 15)
    fill_day(user, D(2026, 3, 4), 10)  # five on page 1, five on page 2
    fill_day(user, D(2026, 3, 3), 3)
    client = client_for(user)

    first = client.get(FEED_URL)
    second = older(client, first)

    assert "(continued)" not in heading(first, D(2026, 3, 4))
    assert first.text.count("More of this day on the next page.") == 1
    assert "(continued)" in heading(second, D(2026, 3, 4))
    assert "(continued)" not in heading(second, D(2026, 3, 3))
    assert "More of this day on the next page." not in second.text
    assert [len(page.context["page"].object_list) for page in (first, second)] == [20, 8]


def test_a_day_that_ends_with_the_page_is_not_continued(client_for):
    user = make_user()
    fill_day(user, D(2026, 3, 5), 20)
    fill_day(user, D(2026, 3, 4), 2)
    client = client_for(user)

    first = client.get(FEED_URL)
    second = older(client, first)

    assert "More of this day" not in first.text
    assert "(continued)" not in second.text


def test_a_day_longer_than_a_page_is_continued_on_each(client_for):
    user = make_user()
    fill_day(user, D(2026, 3, 5), 45)
    client = client_for(user)

    middle = older(client, client.get(FEED_URL))

    assert "(continued)" in heading(middle, D(2026, 3, 5))
    assert "More of this day on the next page." in middle.text


def test_splits_follow_the_filters(client_for):
    user = make_user()
    fill_day(user, D(2026, 3, 5), 19, text="deploy")
    fill_day(user, D(2026, 3, 5), 30, text="other")
    fill_day(user, D(2026, 3, 4), 3, text="deploy")

    first = client_for(user).get(FEED_URL, {"q": "deploy"})

    # 19 of 5 March, then one of 4 March: 4 March splits, the other entries do not count.
    assert "22 entries" in first.text
    assert first.text.split('id="day-2026-03-04"')[1].count("More of this day") == 1
    assert first.text.count("More of this day") == 1


def test_pages_hold_the_entries_newest_first(client_for):
    user = make_user()
    fill_day(user, D(2026, 3, 5), 3)
    fill_day(user, D(2026, 3, 4), 1)

    page = client_for(user).get(FEED_URL).context["page"]

    assert [e.text for e in page.object_list] == ["Entry 2", "Entry 1", "Entry 0", "Entry 0"]
    assert not page.continued and not page.continues
