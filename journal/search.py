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

from django.db import connections, transaction
from django.db.models import F, Lookup, TextField

logger = logging.getLogger(__name__)

SQLITE_INDEX = "journal_entry_search_by_user"
# The external-content index before issue 18, dropped where it is found.
OLD_SQLITE_INDEX = "journal_entry_search"
ENTRY_TABLE = "journal_entry"
USER_SPAN = 2**36  # rowids of one user's entries: [user_id * USER_SPAN, + USER_SPAN)
# Users from this id on are beyond SQLite's 64-bit rowids: not in the index, searched by LIKE.
INDEXED_USERS = 2**63 // USER_SPAN
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

    def _like(self, compiler, connection, words):
        column, params = self.process_lhs(compiler, connection)
        patterns = [f"%{connection.ops.prep_for_like_query(word)}%" for word in words]
        sql = " AND ".join(f"{column} LIKE %s ESCAPE '\\'" for _ in patterns)
        return f"({sql})", [value for pattern in patterns for value in (*params, pattern)]

    def as_sql(self, compiler, connection):
        return self._like(compiler, connection, self.rhs)

    def as_sqlite(self, compiler, connection):
        looked_up = [word for word in self.rhs if len(word) >= 3]  # a trigram at least
        if not (self.through_index and looked_up):
            return self._like(compiler, connection, self.rhs)
        table = compiler.quote_name(self.lhs.alias)
        phrases = " ".join(_phrase(word) for word in looked_up)  # FTS5: side by side is AND
        if self.user_id is None:
            sql = (
                f"{table}.rowid IN (SELECT rowid %% {USER_SPAN} FROM {SQLITE_INDEX} "
                f"WHERE {SQLITE_INDEX} MATCH %s)"
            )
            params = [phrases]
        else:
            first = self.user_id * USER_SPAN
            # The user's rowid range is the user filter; `+user_id` (no index: SQLite must
            # look the rows up by rowid) still holds if rowids were renumbered unindexed.
            sql = (
                f"{table}.rowid IN (SELECT rowid - %s FROM {SQLITE_INDEX} "
                f"WHERE {SQLITE_INDEX} MATCH %s AND rowid BETWEEN %s AND %s) "
                f"AND +{table}.user_id = %s"
            )
            params = [first, phrases, first, first + USER_SPAN - 1, self.user_id]
        if short := [word for word in self.rhs if len(word) < 3]:
            like, like_params = self._like(compiler, connection, short)
            sql, params = f"{sql} AND {like}", [*params, *like_params]
        return f"({sql})", params


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
        looked_up = [word for word in self.words if len(word) >= 3]
        if connection.vendor == "sqlite" and looked_up and self.user.pk < INDEXED_USERS:
            matches = self._count_in_index(connection, looked_up)
            sparse = matches <= self.DENSE
            if len(looked_up) == len(self.words):  # else the short words narrow it further
                self.matches = matches
        if self.words:
            entries = entries.filter(
                FoldedContains(F("search_text"), self.words, self.user.pk, through_index=sparse)
            )
        # Sparse, the index's user range is the user filter.
        return entries if sparse else entries.filter(user=self.user)

    def _count_in_index(self, connection, words) -> int:
        first = self.user.pk * USER_SPAN
        phrases = " ".join(_phrase(word) for word in words)
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
    """Create the FTS5 trigram index of entries on SQLite where it is missing, and rebuild
    it where it may have missed a change: its triggers were gone (Django remade the table)
    or its rows are not the entries'. In one transaction, so searches never see it empty."""
    if connection.vendor != "sqlite":
        return
    new, old = _KEY.format(row="new"), _KEY.format(row="old")
    delete_old = (
        f"INSERT INTO {SQLITE_INDEX}({SQLITE_INDEX}, rowid, search_text) "
        f"SELECT 'delete', {old}, old.search_text WHERE old.user_id < {INDEXED_USERS};"
    )
    insert_new = (
        f"INSERT INTO {SQLITE_INDEX}(rowid, search_text) "
        f"SELECT {new}, new.search_text WHERE new.user_id < {INDEXED_USERS};"
    )
    triggers = {
        "insert": f"AFTER INSERT ON {ENTRY_TABLE} BEGIN {insert_new} END",
        "delete": f"AFTER DELETE ON {ENTRY_TABLE} BEGIN {delete_old} END",
        "update": f"AFTER UPDATE OF search_text, user_id ON {ENTRY_TABLE} "
        f"BEGIN {delete_old} {insert_new} END",
    }
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {OLD_SQLITE_INDEX}")
        for event in triggers:
            cursor.execute(f"DROP TRIGGER IF EXISTS {OLD_SQLITE_INDEX}_{event}")
        names = [SQLITE_INDEX, *(f"{SQLITE_INDEX}_{event}" for event in triggers)]
        cursor.execute(
            f"SELECT count(*) FROM sqlite_master WHERE name IN ({', '.join(['%s'] * len(names))})",
            names,
        )
        kept = cursor.fetchone()[0] == len(names)  # the table and its triggers were there
        cursor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {SQLITE_INDEX} "
            "USING fts5(search_text, content='', tokenize='trigram')"
        )
        for event, definition in triggers.items():
            cursor.execute(f"CREATE TRIGGER IF NOT EXISTS {SQLITE_INDEX}_{event} {definition}")
        if kept and _index_holds_the_entries(cursor):
            return
        # A contentless table cannot 'rebuild' itself: emptied, then filled from the entries.
        cursor.execute(f"INSERT INTO {SQLITE_INDEX}({SQLITE_INDEX}) VALUES ('delete-all')")
        cursor.execute(
            f"INSERT INTO {SQLITE_INDEX}(rowid, search_text) "
            f"SELECT {_KEY.format(row=ENTRY_TABLE)}, search_text FROM {ENTRY_TABLE} "
            f"WHERE user_id < {INDEXED_USERS}"
        )
    logger.info("Rebuilt the SQLite search index of journal entries")


def _index_holds_the_entries(cursor) -> bool:
    """Whether the index has a row for each entry's key and no other (its _docsize table
    keeps one row a document)."""
    cursor.execute(
        f"SELECT (SELECT count(*) FROM {SQLITE_INDEX}_docsize) = "
        f"(SELECT count(*) FROM {ENTRY_TABLE} WHERE user_id < {INDEXED_USERS}) "
        f"AND NOT EXISTS (SELECT 1 FROM {ENTRY_TABLE} e WHERE e.user_id < {INDEXED_USERS} "
        f"AND NOT EXISTS (SELECT 1 FROM {SQLITE_INDEX}_docsize d "
        f"WHERE d.id = {_KEY.format(row='e')}))"
    )
    return bool(cursor.fetchone()[0])
