"""Records written as the file has them, many rows a query."""

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
