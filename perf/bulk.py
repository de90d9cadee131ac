"""Rows written many at a time: records as an export file has them, a summary's points,
and the link rows (citations, contexts' entries) a summary or an import writes by the
thousand."""

from contextlib import nullcontext

from django.db import connections, router
from django.db.backends.utils import CursorDebugWrapper

BATCH = 2000  # rows a query at most (SQLite's limit on parameters may allow fewer)


def insert_instances(instances: list) -> list:
    """Insert unsaved instances of one model exactly as they are, their timestamps too.

    This is what Model.save_base(raw=True) does for one row (and loaddata for a fixture),
    a batch at a time. bulk_create() cannot: it stamps auto_now and auto_now_add fields
    (created_at, updated_at) with the time of the import, and fixing them after costs an
    UPDATE per row (bulk_update of 20,000 entries: 8 s on SQLite). Like a raw save it sends
    no signals and sets no defaults: the instances carry every value (a new instance has
    its defaults, its UUID among them, from the moment it is made).
    """
    if not instances:
        return instances
    model = type(instances[0])
    fields = model._meta.local_concrete_fields
    _insert(model, fields, ([getattr(row, f.attname) for f in fields] for row in instances))
    using = router.db_for_write(model)
    for instance in instances:
        instance._state.adding = False
        instance._state.db = using
    return instances


def insert_rows(model, field_names: tuple, rows) -> None:
    """INSERT plain rows (tuples of values in `field_names` order) into `model`'s table,
    building no instance per row. A half-year's offline summary writes about 5,000 link
    rows (each point's citations, each context's entries): saving it took 234 ms of CPU
    with bulk_create(), 142 with rows (3,000 entries on SQLite; bench/summary.py times the
    whole run). Columns not named take their database default (an auto id); no signals,
    as with bulk_create().
    """
    _insert(model, [model._meta.get_field(name) for name in field_names], rows)


def _insert(model, fields: list, rows) -> None:
    """Each value goes through its field's get_db_prep_save, as the ORM's own INSERTs do.

    PostgreSQL takes the rows by COPY: for the 4,500 link rows of that half-year the
    multi-row INSERTs took 114 ms (the client quoting 13,500 parameters into statements
    and the server parsing them), COPY 46; bench/summary.py's whole run went from
    9.7–11.2× its fixed workload to 8.0–9.0×. COPY goes past Django's execute_wrapper()
    hooks (it is not an execute()), though connection.queries lists it. SQLite takes a
    batch of rows a statement, as bulk_create() writes them; one statement a row
    (executemany) cost PostgreSQL about 0.2 s more for those rows.
    """
    rows = list(rows)
    if not rows:
        return
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(field.column) for field in fields)

    def prepared(row):
        return [
            field.get_db_prep_save(value, connection)
            for field, value in zip(fields, row, strict=True)
        ]

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            sql = f"COPY {table} ({columns}) FROM STDIN"
            # Listed in connection.queries and logged as the ORM's statements are, when they are.
            logged = (
                cursor.debug_sql(sql) if isinstance(cursor, CursorDebugWrapper) else nullcontext()
            )
            with logged, cursor.cursor.copy(sql) as copy:
                for row in rows:
                    copy.write_row(prepared(row))
            return
        marks = "(" + ", ".join(["%s"] * len(fields)) + ")"
        size = max(1, min(BATCH, connection.ops.bulk_batch_size(fields, rows)))
        for start in range(0, len(rows), size):
            batch = rows[start : start + size]
            cursor.execute(
                f"INSERT INTO {table} ({columns}) VALUES {', '.join([marks] * len(batch))}",
                [value for row in batch for value in prepared(row)],
            )
