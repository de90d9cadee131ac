"""Rows written many at a time: records as an export file has them, and the link rows
(citations, contexts' entries) a summary or an import writes by the thousand."""

from django.db import connections, router

BATCH = 2000  # rows a query at most (SQLite's limit on parameters may allow fewer)


def insert_as_exported(instances: list) -> list:
    """Insert unsaved instances of one model exactly as they are, their timestamps too.

    This is what Model.save_base(raw=True) does for one row (and loaddata for a fixture),
    a batch at a time. bulk_create() cannot: it stamps auto_now and auto_now_add fields
    (created_at, updated_at) with the time of the import, and fixing them after costs an
    UPDATE per row (bulk_update of 20,000 entries: 8 s on SQLite). Like a raw save it sends
    no signals and sets no defaults: the instances carry every value. QuerySet._insert is
    Django's own path for both; perf/tests/test_journal_restore.py fails should it change.
    """
    if not instances:
        return instances
    model = type(instances[0])
    manager = model._base_manager
    using = router.db_for_write(model)
    fields = model._meta.local_concrete_fields
    size = max(1, min(BATCH, connections[using].ops.bulk_batch_size(fields, instances)))
    for start in range(0, len(instances), size):
        manager._insert(instances[start : start + size], fields=fields, raw=True, using=using)
    for instance in instances:
        instance._state.adding = False
        instance._state.db = using
    return instances


def insert_rows(model, field_names: tuple, rows) -> None:
    """INSERT plain rows (tuples of values in `field_names` order) into `model`'s table,
    building no instance per row: a batch of rows a statement, as bulk_create() writes
    them. A half-year's offline summary writes about 5,000 link rows (each point's
    citations, each context's entries): saving it took 234 ms of CPU with bulk_create(),
    142 with this (3,000 entries on SQLite; bench/summary.py times the whole run). One
    statement a row (executemany) cost PostgreSQL about 0.2 s more for them. Each value goes
    through its field's get_db_prep_save, as the ORM's own do; columns not named take their
    database default (an auto id); no signals, as with bulk_create().
    """
    rows = list(rows)
    if not rows:
        return
    using = router.db_for_write(model)
    connection = connections[using]
    quote = connection.ops.quote_name
    fields = [model._meta.get_field(name) for name in field_names]
    columns = ", ".join(quote(field.column) for field in fields)
    marks = "(" + ", ".join(["%s"] * len(fields)) + ")"
    size = max(1, min(BATCH, connection.ops.bulk_batch_size(fields, rows)))
    with connection.cursor() as cursor:
        for start in range(0, len(rows), size):
            batch = rows[start : start + size]
            params = [
                field.get_db_prep_save(value, connection)
                for row in batch
                for field, value in zip(fields, row, strict=True)
            ]
            cursor.execute(
                f"INSERT INTO {quote(model._meta.db_table)} ({columns}) "
                f"VALUES {', '.join([marks] * len(batch))}",
                params,
            )
