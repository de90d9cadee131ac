"""The indexes of Feed's pages and of its search are built without locking a large table
against writes: concurrently on PostgreSQL, outside a transaction, undone and done again
cleanly; on SQLite as plain indexes."""

import datetime
import importlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test.utils import CaptureQueriesContext

from conftest import make_entry, make_user
from journal.migrations._operations import (
    AddIndexConcurrentlyOnPostgreSQL,
    CreateIndexConcurrentlyOnPostgreSQL,
    RemoveIndexConcurrentlyOnPostgreSQL,
)
from journal.models import Entry
from journal.search import normalize_for_search

MIGRATION = "0009_user_scoped_search_and_keyset_feed"
BEFORE = ("journal", "0008_entry_templates")
AFTER = ("journal", MIGRATION)


def indexes_of_entries() -> dict:
    with connection.cursor() as cursor:
        return connection.introspection.get_constraints(cursor, Entry._meta.db_table)


def migrate_to(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    with CaptureQueriesContext(connection) as captured:
        executor.migrate([target])
    return [query["sql"] for query in captured.captured_queries]


def test_the_migration_runs_outside_a_transaction_with_concurrent_operations():
    migration = importlib.import_module(f"journal.migrations.{MIGRATION}").Migration
    kinds = {type(operation) for operation in migration.operations}

    assert migration.atomic is False
    assert {
        AddIndexConcurrentlyOnPostgreSQL,
        RemoveIndexConcurrentlyOnPostgreSQL,
        CreateIndexConcurrentlyOnPostgreSQL,
    } <= kinds


@pytest.mark.django_db(transaction=True)
def test_undone_and_done_again_it_keeps_the_entries_and_their_search():
    entry = make_entry(make_user(), text="Перенёс очереди на Kafka")
    try:
        undone = migrate_to(BEFORE)
        assert "entry_user_feed_idx" not in indexes_of_entries()
        assert "entry_user_date_idx" in indexes_of_entries()
        done = migrate_to(AFTER)
    finally:
        migrate_to(AFTER)

    names = indexes_of_entries()
    assert "entry_user_feed_idx" in names and "entry_user_date_idx" not in names
    assert names["entry_user_feed_idx"]["columns"] == ["user_id", "date", "created_at", "id"]
    assert list(Entry.objects.search("kafka", user=entry.user)) == [entry]
    if connection.vendor == "postgresql":
        statements = " ".join(undone + done).upper()
        assert "CREATE INDEX CONCURRENTLY" in statements
        assert "DROP INDEX CONCURRENTLY" in statements


@pytest.mark.django_db(transaction=True)
def test_a_migration_stopped_halfway_runs_again():
    # As after a failure or Ctrl-C midway: the new index is there, the migration unrecorded.
    migrate_to(BEFORE)
    try:
        with connection.cursor() as cursor:
            cursor.execute('CREATE INDEX "entry_user_feed_idx" ON "journal_entry" ("user_id")')
            if connection.vendor == "postgresql":  # and a concurrent build left one invalid
                cursor.execute(
                    "CREATE INDEX journal_entry_user_search_trgm ON journal_entry (user_id)"
                )
                cursor.execute(
                    "UPDATE pg_index SET indisvalid = false "
                    "WHERE indexrelid = 'journal_entry_user_search_trgm'::regclass"
                )
        migrate_to(AFTER)
    finally:
        migrate_to(AFTER)

    names = indexes_of_entries()
    assert "entry_user_feed_idx" in names and "entry_user_date_idx" not in names
    if connection.vendor == "postgresql":  # built again, over both columns
        assert names["journal_entry_user_search_trgm"]["columns"] == ["user_id", "search_text"]


@pytest.mark.postgresql  # deselected on SQLite; CI checks it ran
@pytest.mark.django_db
def test_postgresql_searches_one_users_entries_through_one_index():
    user, other = make_user(), make_user(username="colleague")
    Entry.objects.bulk_create(
        Entry(user=owner, date=datetime.date(2026, 3, 1), type="fact", text=text,
              search_text=normalize_for_search(text))
        for owner in (user, other) for n in range(300)
        for text in [f"Перенёс очередь {n} на Kafka" if n % 50 == 0 else f"Ревью {n}"]
    )  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE journal_entry")
    names = indexes_of_entries()

    assert names["journal_entry_user_search_trgm"]["columns"] == ["user_id", "search_text"]
    assert "journal_entry_search_trgm" not in names  # replaced: it read every user's matches
    sql, params = Entry.objects.for_user(user).search("kafka", user=user).query.sql_with_params()
    others = [
        name for name, index in names.items()
        if index["index"] and index["columns"][:1] == ["user_id"]
        and name != "journal_entry_user_search_trgm"
    ]  # fmt: skip
    with connection.cursor() as cursor:
        # 600 rows are read at once, or by the user's btree: left with no other way (undone
        # with the test's transaction), the plan shows the index answers both conditions.
        cursor.execute("SET LOCAL enable_seqscan = off")
        for name in others:
            cursor.execute(f'DROP INDEX "{name}"')
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "journal_entry_user_search_trgm" in plan
    condition = plan.split("Index Cond:")[1]
    assert "user_id" in condition and "search_text" in condition
