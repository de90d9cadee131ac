"""Substring search over entries that stays fast on a journal of many years.

Entries keep a case-folded copy of their text (Entry.search_text), so matching is plain
substring containment on both databases. A `LIKE '%word%'` over that column would read
every row of the user; instead each database keeps a trigram index:

- PostgreSQL: pg_trgm's GIN index on search_text (migration 0002), used by LIKE itself.
- SQLite: an FTS5 table with the trigram tokenizer over search_text, kept in step by
  triggers. Django rebuilds a SQLite table whenever a migration alters it, which drops
  triggers and renumbers rows, so `ensure_sqlite_search_index` runs after every migrate
  (journal.apps) and rebuilds the index from the table.
"""

import logging

from django.db.models import Lookup, TextField

logger = logging.getLogger(__name__)

SQLITE_INDEX = "journal_entry_search"
ENTRY_TABLE = "journal_entry"


def normalize_for_search(text: str) -> str:
    """Fold case for every alphabet (SQLite's LIKE folds only ASCII) and treat ё as е."""
    return text.casefold().replace("ё", "е")


def _glob_literal(text: str) -> str:
    # GLOB has no ESCAPE clause (and FTS5 ignores its index for LIKE ... ESCAPE):
    # a metacharacter becomes literal inside brackets.
    return "".join(f"[{char}]" if char in "*?[" else char for char in text)


class FoldedContains(Lookup):
    """`search_text__folded_contains=word`: the folded text contains the folded word."""

    lookup_name = "folded_contains"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        pattern = f"%{connection.ops.prep_for_like_query(self.rhs)}%"
        return f"{lhs} LIKE %s", [*lhs_params, pattern]

    def as_sqlite(self, compiler, connection):
        table = compiler.quote_name(self.lhs.alias)
        sql = f"{table}.rowid IN (SELECT rowid FROM {SQLITE_INDEX} WHERE search_text GLOB %s)"
        return sql, [f"*{_glob_literal(self.rhs)}*"]


class SearchTextField(TextField):
    """The case-folded copy of an entry's text that search runs on."""


SearchTextField.register_lookup(FoldedContains)


def ensure_sqlite_search_index(connection):
    """Create (if missing) and rebuild the FTS5 trigram index of entries on SQLite."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {SQLITE_INDEX} USING fts5("
            f"search_text, content='{ENTRY_TABLE}', content_rowid='rowid', tokenize='trigram')"
        )
        cursor.execute(
            f"CREATE TRIGGER IF NOT EXISTS {SQLITE_INDEX}_insert AFTER INSERT ON {ENTRY_TABLE} "
            f"BEGIN INSERT INTO {SQLITE_INDEX}(rowid, search_text) "
            f"VALUES (new.rowid, new.search_text); END"
        )
        cursor.execute(
            f"CREATE TRIGGER IF NOT EXISTS {SQLITE_INDEX}_delete AFTER DELETE ON {ENTRY_TABLE} "
            f"BEGIN INSERT INTO {SQLITE_INDEX}({SQLITE_INDEX}, rowid, search_text) "
            f"VALUES ('delete', old.rowid, old.search_text); END"
        )
        cursor.execute(
            f"CREATE TRIGGER IF NOT EXISTS {SQLITE_INDEX}_update "
            f"AFTER UPDATE OF search_text ON {ENTRY_TABLE} "
            f"BEGIN INSERT INTO {SQLITE_INDEX}({SQLITE_INDEX}, rowid, search_text) "
            f"VALUES ('delete', old.rowid, old.search_text); "
            f"INSERT INTO {SQLITE_INDEX}(rowid, search_text) "
            f"VALUES (new.rowid, new.search_text); END"
        )
        cursor.execute(f"INSERT INTO {SQLITE_INDEX}({SQLITE_INDEX}) VALUES ('rebuild')")
    logger.info("Rebuilt the SQLite search index of journal entries")
