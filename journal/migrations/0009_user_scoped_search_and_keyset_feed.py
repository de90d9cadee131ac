"""Feed's pages by keyset (date, created_at, id) and search scoped to the user inside the
index (journal/paging.py, journal/search.py), with indexes built concurrently on PostgreSQL
(journal/migrations/_operations.py). SQLite's search index is rebuilt after every migrate."""

from django.contrib.postgres.operations import BtreeGinExtension
from django.db import migrations, models

from journal.migrations._operations import (
    AddIndexConcurrentlyOnPostgreSQL,
    CreateIndexConcurrentlyOnPostgreSQL,
    RemoveIndexConcurrentlyOnPostgreSQL,
)


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY runs outside a transaction

    dependencies = [("journal", "0008_entry_templates")]

    operations = [
        migrations.AlterModelOptions(
            name="entry",
            options={
                "ordering": ["-date", "-created_at", "-id"],
                "verbose_name": "entry",
                "verbose_name_plural": "entries",
            },
        ),
        AddIndexConcurrentlyOnPostgreSQL(
            model_name="entry",
            index=models.Index(
                fields=["user", "-date", "-created_at", "-id"], name="entry_user_feed_idx"
            ),
        ),
        RemoveIndexConcurrentlyOnPostgreSQL(model_name="entry", name="entry_user_date_idx"),
        BtreeGinExtension(),
        CreateIndexConcurrentlyOnPostgreSQL(
            name="journal_entry_user_search_trgm",
            definition="ON journal_entry USING gin (user_id, search_text gin_trgm_ops)",
            replaces="journal_entry_search_trgm",
            replaced_by="ON journal_entry USING gin (search_text gin_trgm_ops)",
        ),
    ]
