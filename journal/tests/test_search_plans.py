"""A search finds the same entries, only its user's, whichever way the database is asked:
on SQLite, through the index for a word with few matches, by walking the user's days for
a word with many (journal/search.py), with the count the index gave."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import make_entry, make_user
from journal.models import Entry
from journal.search import UserSearch

pytestmark = pytest.mark.django_db
FEED_URL = reverse("journal:feed")


@pytest.fixture
def journals():
    mine, theirs = make_user(), make_user(username="colleague")
    for n in range(6):
        day = datetime.date(2026, 3, 1) + datetime.timedelta(days=n)
        make_entry(mine, date=day, text=f"Починил утечку памяти в воркере {n}")
        make_entry(theirs, date=day, text=f"Починил утечку соединений {n}")
    make_entry(mine, text="Ревью PR в billing")
    return mine, theirs


def texts(entries):
    return sorted(entry.text for entry in entries)


@pytest.mark.parametrize("dense", [100, 2], ids=["few matches", "many matches"])
@pytest.mark.parametrize("query", ["утечку", "Утечку ПАМЯТИ", "в", "утечку 3"])
def test_a_search_finds_the_users_entries_either_way(journals, monkeypatch, dense, query):
    mine, _ = journals
    monkeypatch.setattr(UserSearch, "DENSE", dense)

    found = Entry.objects.search(query, user=mine)

    expected = [e for e in Entry.objects.filter(user=mine) if all(
        word in e.search_text for word in query.casefold().split())]  # fmt: skip
    assert texts(found) == texts(expected) and expected


def test_few_matches_are_looked_up_in_the_index_and_many_by_the_users_days(journals, monkeypatch):
    mine, _ = journals

    with CaptureQueriesContext(connection) as few:
        list(Entry.objects.search("утечку", user=mine))
    monkeypatch.setattr(UserSearch, "DENSE", 2)
    with CaptureQueriesContext(connection) as many:
        list(Entry.objects.search("утечку", user=mine))

    page_of_few, page_of_many = few.captured_queries[-1]["sql"], many.captured_queries[-1]["sql"]
    if connection.vendor == "sqlite":
        # Only rowid lookups: the user's rowid range, and its id on no index (`+`).
        assert "MATCH" in page_of_few and '"journal_entry"."user_id" =' not in page_of_few
        assert '+"journal_entry".user_id =' in page_of_few
        assert "MATCH" not in page_of_many and '"journal_entry"."user_id" =' in page_of_many
    else:  # one query, the user in the index
        assert len(few.captured_queries) == len(many.captured_queries) == 1
        assert '"user_id" =' in page_of_few and "LIKE" in page_of_few


def test_feed_counts_a_search_from_the_index(client_for, journals, monkeypatch):
    mine, _ = journals
    client = client_for(mine)
    monkeypatch.setattr("journal.views.feed.COUNT_LIMIT", 4)

    few = client.get(FEED_URL, {"q": "памяти 2"})
    many = client.get(FEED_URL, {"q": "утечку"})
    with_type = client.get(FEED_URL, {"q": "утечку", "type": "fact"})

    assert "1 entry" in few.text
    assert "More than 4 entries" in many.text and "More than 4 entries" in with_type.text
    assert len(many.context["page"].object_list) == 6


def test_short_words_narrow_what_the_index_found(journals):
    mine, _ = journals
    make_entry(mine, text="Починил утечку в CI")

    found = Entry.objects.search("утечку ci", user=mine)

    assert [entry.text for entry in found] == ["Починил утечку в CI"]


def test_the_index_is_rebuilt_only_when_it_may_have_missed_a_change(journals):
    from journal.search import SQLITE_INDEX, ensure_sqlite_search_index

    mine, _ = journals
    if connection.vendor != "sqlite":
        ensure_sqlite_search_index(connection)  # nothing to do on PostgreSQL
        assert Entry.objects.search("утечку", user=mine).count() == 6
        return
    with CaptureQueriesContext(connection) as kept:
        ensure_sqlite_search_index(connection)
    with connection.cursor() as cursor:  # as when Django remakes the table
        cursor.execute(f"DROP TRIGGER {SQLITE_INDEX}_insert")
    make_entry(mine, text="Утечку нашли без триггера")
    with CaptureQueriesContext(connection) as rebuilt:
        ensure_sqlite_search_index(connection)

    assert not any("delete-all" in query["sql"] for query in kept.captured_queries)
    assert any("delete-all" in query["sql"] for query in rebuilt.captured_queries)
    assert Entry.objects.search("утечку", user=mine).count() == 7


def test_a_user_beyond_the_indexs_ids_writes_and_searches_all_the_same(journals):
    from django.contrib.auth import get_user_model

    from journal.search import INDEXED_USERS

    far = get_user_model().objects.create_user(id=INDEXED_USERS, username="far")
    entry = make_entry(far, text="Починил утечку далеко")
    entry.text = "Починил утечку совсем далеко"
    entry.save()

    assert list(Entry.objects.search("утечку", user=far)) == [entry]
    entry.delete()
    assert not Entry.objects.search("утечку", user=far).exists()
