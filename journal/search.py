"""Substring search over entries whose cost is the user's own matches, not everyone's.

Entries keep a case-folded copy of their text (Entry.search_text), so matching is plain
substring containment on both databases. A `LIKE '%word%'` over that column would read
every row of the user; instead each database keeps a trigram index that holds the user:

- PostgreSQL: a GIN index over (user_id, search_text gin_trgm_ops), btree_gin giving the
  integer its GIN operators (migration 0009), used by `user_id = ? AND search_text LIKE ?`.
  The index on search_text alone that it replaced read every user's matches.
- SQLite: a contentless FTS5 table with the trigram tokenizer whose rowid is the user's id
  times 2^40 plus the entry's rowid, so one user's entries are one rowid range, which FTS5
  reads alone. A word is a phrase of its trigrams: consecutive trigrams spell exactly the
  substring, so no `LIKE` reads the rows again. Triggers keep the table in step. Django
  rebuilds a SQLite table whenever a migration alters it, which drops triggers and
  renumbers rows, so `ensure_sqlite_search_index` runs after every migrate (journal.apps)
  and rebuilds the index from the table. The external-content table it replaced returned
  every user's matches before the user filter: the search COUNT went 2.2 -> 16.4 ms from
  20k to 100k entries (issue 18).

Words shorter than a trigram are matched by `LIKE` alone, over the user's entries.
"""

import logging

from django.db import connections
from django.db.models import F, Lookup, TextField

logger = logging.getLogger(__name__)

SQLITE_INDEX = "journal_entry_search_by_user"
# The external-content index before issue 18, dropped where it is found.
OLD_SQLITE_INDEX = "journal_entry_search"
ENTRY_TABLE = "journal_entry"
USER_SPAN = 2**40  # rowids of one user's entries: [user_id * USER_SPAN, + USER_SPAN)
_KEY = f"{{row}}.user_id * {USER_SPAN} + {{row}}.rowid"


def normalize_for_search(text: str) -> str:
    """Fold case for every alphabet (SQLite's LIKE folds only ASCII) and treat ё as е."""
    return text.casefold().replace("ё", "е")


class FoldedContains(Lookup):
    """`FoldedContains(F("search_text"), words, user_id)`: the folded text contains every
    one of the folded `words`; with `user_id`, the index is read for that user's entries
    only. A lookup, not an expression: Django would compare an expression to true, and
    SQLite cannot use `(rowid IN ...) = 1` to look rows up."""

    lookup_name = "folded_contains"
    prepare_rhs = False

    def __init__(self, lhs, words, user_id: int | None = None, *, through_index: bool = True):
        super().__init__(lhs, tuple(words))
        self.user_id, self.through_index = user_id, through_index

    def _like(self, compiler, connection):
        column, params = self.process_lhs(compiler, connection)
        patterns = [f"%{connection.ops.prep_for_like_query(word)}%" for word in self.rhs]
        sql = " AND ".join(f"{column} LIKE %s ESCAPE '\\'" for _ in patterns)
        return f"({sql})", [value for pattern in patterns for value in (*params, pattern)]

    def as_sql(self, compiler, connection):
        return self._like(compiler, connection)

    def as_sqlite(self, compiler, connection):
        if not self.through_index or any(len(word) < 3 for word in self.rhs):
            return self._like(compiler, connection)  # no trigram to look up
        table = compiler.quote_name(self.lhs.alias)
        phrases = " ".join(_phrase(word) for word in self.rhs)  # FTS5: side by side is AND
        if self.user_id is None:
            found = f"SELECT rowid %% {USER_SPAN} FROM {SQLITE_INDEX} WHERE {SQLITE_INDEX} MATCH %s"
            found_params = [phrases]
        else:
            first = self.user_id * USER_SPAN
            found = (
                f"SELECT rowid - %s FROM {SQLITE_INDEX} "
                f"WHERE {SQLITE_INDEX} MATCH %s AND rowid BETWEEN %s AND %s"
            )
            found_params = [first, phrases, first, first + USER_SPAN - 1]
        return f"{table}.rowid IN ({found})", found_params


class UserSearch:
    """A search of one user's entries for every word of `query`.

    On SQLite the index first counts the user's matches, up to DENSE + 1, and the search
    is planned from that: SQLite keeps no statistics (Django runs no ANALYZE) and takes
    any user's entries for about ten rows, so left to itself it read the user's whole
    journal to count a search (the count of 730 matches among 20,000 entries took 20 ms,
    issue 18). With DENSE matches or fewer, the query names no user, so it can only look
    the index's rows up by rowid: at most DENSE of them. With more, it walks the user's
    days newest first, matching each entry's text, and stops at the page's end: with at
    least DENSE matches that is within (journal / DENSE) rows a match, where asking the
    index would first gather every match (half of a journal, for a common word).
    On PostgreSQL the planner has statistics and the user is in the index: nothing counted.
    """

    DENSE = 1000

    def __init__(self, user, query: str):
        self.user = user
        self.words = normalize_for_search(query).split()
        # The user's entries holding every word, counted in SQLite's index up to DENSE + 1.
        self.matches: int | None = None

    def entries(self, entries):
        """`entries` (a queryset of every user's entries) narrowed to this search's."""
        connection = connections[entries.db]
        sparse = False
        if connection.vendor == "sqlite" and self.words and min(map(len, self.words)) >= 3:
            self.matches = self._count_in_index(connection)
            sparse = self.matches <= self.DENSE
        if self.words:
            entries = entries.filter(
                FoldedContains(F("search_text"), self.words, self.user.pk, through_index=sparse)
            )
        # Sparse, the index's user range is the user filter.
        return entries if sparse else entries.filter(user=self.user)

    def _count_in_index(self, connection) -> int:
        first = self.user.pk * USER_SPAN
        phrases = " ".join(_phrase(word) for word in self.words)  # FTS5: side by side is AND
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT count(*) FROM (SELECT 1 FROM {SQLITE_INDEX} WHERE {SQLITE_INDEX} "
                "MATCH %s AND rowid BETWEEN %s AND %s LIMIT %s)",
                [phrases, first, first + USER_SPAN - 1, self.DENSE + 1],
            )
            return cursor.fetchone()[0]


def _phrase(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


class SearchTextField(TextField):
    """The case-folded copy of an entry's text that search runs on."""


def ensure_sqlite_search_index(connection):
    """Create (if missing) and rebuild the FTS5 trigram index of entries on SQLite."""
    if connection.vendor != "sqlite":
        return
    new, old = _KEY.format(row="new"), _KEY.format(row="old")
    delete_old = (
        f"INSERT INTO {SQLITE_INDEX}({SQLITE_INDEX}, rowid, search_text) "
        f"VALUES ('delete', {old}, old.search_text);"
    )
    insert_new = f"INSERT INTO {SQLITE_INDEX}(rowid, search_text) VALUES ({new}, new.search_text);"
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {OLD_SQLITE_INDEX}")
        for event in ("insert", "delete", "update"):
            cursor.execute(f"DROP TRIGGER IF EXISTS {OLD_SQLITE_INDEX}_{event}")
        cursor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {SQLITE_INDEX} "
            "USING fts5(search_text, content='', tokenize='trigram')"
        )
        cursor.execute(
            f"CREATE TRIGGER IF NOT EXISTS {SQLITE_INDEX}_insert AFTER INSERT ON {ENTRY_TABLE} "
            f"BEGIN {insert_new} END"
        )
        cursor.execute(
            f"CREATE TRIGGER IF NOT EXISTS {SQLITE_INDEX}_delete AFTER DELETE ON {ENTRY_TABLE} "
            f"BEGIN {delete_old} END"
        )
        cursor.execute(
            f"CREATE TRIGGER IF NOT EXISTS {SQLITE_INDEX}_update "
            f"AFTER UPDATE OF search_text, user_id ON {ENTRY_TABLE} "
            f"BEGIN {delete_old} {insert_new} END"
        )
        # A contentless table cannot 'rebuild' itself: emptied, then filled from the entries.
        cursor.execute(f"INSERT INTO {SQLITE_INDEX}({SQLITE_INDEX}) VALUES ('delete-all')")
        cursor.execute(
            f"INSERT INTO {SQLITE_INDEX}(rowid, search_text) "
            f"SELECT {_KEY.format(row=ENTRY_TABLE)}, search_text FROM {ENTRY_TABLE}"
        )
    logger.info("Rebuilt the SQLite search index of journal entries")
