"""Feed runs the same few queries whatever the page's size, the goals its entries are
linked to, the weeks summarised, how deep the page is and how many other people share
the server: its cost is the page's, never the journal's or everyone's."""

import datetime
import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import make_entry, make_goal, make_user, make_week_summary
from journal.models import Entry, monday_of
from journal.search import USER_SPAN

pytestmark = pytest.mark.django_db
FEED_URL = reverse("journal:feed")
START = datetime.date(2026, 1, 5)


def fill(user, days, per_day=3, text="Запись"):
    entries = []
    for n in range(days):
        day = START + datetime.timedelta(days=n)
        for k in range(per_day):
            kind = "plan" if k == 0 else "fact"
            entries.append(make_entry(user, date=day, type=kind, text=f"{text} {n}-{k}"))
    return entries


def link_goals(user, entries):
    goal = make_goal(user, title="Reliable billing", slug="billing")
    goal.entries.add(*entries[::3])  # a third of the entries


def summarise_weeks(user, entries):
    for monday in sorted({monday_of(entry.date) for entry in entries}):
        make_week_summary(user, monday)


def older_link(response) -> str:
    return html.unescape(re.search(r'href="(\?[^"]*)" rel="next"', response.text).group(1))


def queries_of(client, url, params=None) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return [query["sql"] for query in captured.captured_queries]


PAGES = {
    "first page": {},
    "search": {"q": "запись"},
    "facts of a period": {"type": "fact", "start": "2026-01-01", "end": "2026-12-31"},
    "a day": {"day": "2026-02-01"},
}


@pytest.mark.parametrize("params", PAGES.values(), ids=PAGES.keys())
def test_the_queries_do_not_grow_with_page_size_goals_weeks_or_other_users(
    client_for, monkeypatch, params
):
    user = make_user()
    client = client_for(user)
    entries = fill(user, 40)
    bare = queries_of(client, FEED_URL, params)

    link_goals(user, entries)
    summarise_weeks(user, entries)
    with_goals_and_weeks = queries_of(client, FEED_URL, params)
    for n in range(3):
        other = make_user(username=f"colleague{n}")
        link_goals(other, fill(other, 40))
    with_others = queries_of(client, FEED_URL, params)
    monkeypatch.setattr("journal.views.feed.ENTRIES_PER_PAGE", 60)
    larger_page = queries_of(client, FEED_URL, params)

    assert len(bare) == len(with_goals_and_weeks) == len(with_others) == len(larger_page)
    # session, user, profile; the page; its plans done; its goals; its weeks; a filtered
    # view's count, or a day's "anything newer?"
    assert len(bare) <= 8


def test_a_deep_page_runs_the_queries_of_the_first(client_for):
    user = make_user()
    client = client_for(user)
    fill(user, 100)
    first = client.get(FEED_URL)
    response = first
    for _ in range(10):  # 200 entries down
        response = client.get(FEED_URL + older_link(response))

    deep = queries_of(client, FEED_URL + older_link(response))
    top = queries_of(client, FEED_URL)

    assert len(deep) == len(top)
    assert not any("OFFSET" in sql.upper() for sql in deep)


def test_the_whole_journal_is_never_counted(client_for):
    user = make_user()
    client = client_for(user)
    fill(user, 10)

    unfiltered = queries_of(client, FEED_URL)
    searched = queries_of(client, FEED_URL, {"q": "запись"})

    assert not any("COUNT(" in sql.upper() for sql in unfiltered)
    # A filtered view counts its matches, no further than its limit.
    (count,) = [sql for sql in searched if "COUNT(" in sql.upper()]
    assert "LIMIT 1001" in count.upper()


def test_search_asks_the_index_for_the_users_entries_only(client_for):
    user = make_user()
    make_entry(make_user(username="colleague"), text="Запись коллеги")
    mine = make_entry(user, text="Моя запись")

    (page,) = [
        sql
        for sql in queries_of(client_for(user), FEED_URL, {"q": "запись"})
        if "journal_entry" in sql and "ORDER BY" in sql and "LIMIT" in sql
    ]

    assert Entry.objects.search("запись", user=user).get() == mine
    if connection.vendor == "sqlite":
        low = user.pk * USER_SPAN
        assert f"BETWEEN {low} AND {low + USER_SPAN - 1}" in page
    else:
        assert f'"journal_entry"."user_id" = {user.pk}' in page
