"""Index operations for tables that can be large: concurrent on PostgreSQL, so that adding
an index to a team's journal does not lock entries against writes while it is built.
SQLite has no CONCURRENTLY (a write locks its whole database anyway): a plain index there.
Migrations that use these must be `atomic = False`, as PostgreSQL requires."""

from django.contrib.postgres.operations import AddIndexConcurrently, RemoveIndexConcurrently
from django.db import migrations


def _concurrently(schema_editor) -> bool:
    """PostgreSQL, outside a transaction. Inside one (a squashed migration, which drops
    `atomic = False`), a plain index: a fresh install's tables are empty."""
    connection = schema_editor.connection
    return connection.vendor == "postgresql" and not connection.in_atomic_block


def _has_index(schema_editor, model, name: str) -> bool:
    """Whether `name` exists on `model`'s table, valid: a concurrent build that failed (or
    was stopped) leaves an invalid index, dropped here so that migrate can run again."""
    if schema_editor.connection.vendor == "postgresql":
        _drop_if_invalid(schema_editor, name)
    with schema_editor.connection.cursor() as cursor:
        constraints = schema_editor.connection.introspection.get_constraints(
            cursor, model._meta.db_table
        )
    return name in constraints


class AddIndexConcurrentlyOnPostgreSQL(AddIndexConcurrently):
    """AddIndex, concurrently on PostgreSQL; a no-op where the index is there already (a
    migration that stopped halfway, run again)."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        model = to_state.apps.get_model(app_label, self.model_name)
        if _has_index(schema_editor, model, self.index.name):
            return
        base = super() if _concurrently(schema_editor) else super(AddIndexConcurrently, self)
        base.database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        model = from_state.apps.get_model(app_label, self.model_name)
        if not _has_index(schema_editor, model, self.index.name):
            return
        base = super() if _concurrently(schema_editor) else super(AddIndexConcurrently, self)
        base.database_backwards(app_label, schema_editor, from_state, to_state)


class RemoveIndexConcurrentlyOnPostgreSQL(RemoveIndexConcurrently):
    """RemoveIndex, concurrently on PostgreSQL; a no-op where the index is gone already."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        model = from_state.apps.get_model(app_label, self.model_name)
        if not _has_index(schema_editor, model, self.name):
            return
        base = super() if _concurrently(schema_editor) else super(RemoveIndexConcurrently, self)
        base.database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        model = to_state.apps.get_model(app_label, self.model_name)
        if _has_index(schema_editor, model, self.name):
            return
        base = super() if _concurrently(schema_editor) else super(RemoveIndexConcurrently, self)
        base.database_backwards(app_label, schema_editor, from_state, to_state)


class CreateIndexConcurrentlyOnPostgreSQL(migrations.RunPython):
    """An index Django's model state cannot describe on both databases (a GIN index over
    trigrams), made with CREATE INDEX CONCURRENTLY on PostgreSQL only. An index a failed
    build left invalid is dropped and built again; `replaces` is dropped once it exists."""

    def __init__(self, name: str, definition: str, replaces: str = "", replaced_by: str = ""):
        self.index_name, self.definition = name, definition
        self.replaces, self.replaced_by = replaces, replaced_by
        super().__init__(self._create, self._drop, elidable=False)

    def deconstruct(self):
        kwargs = {"name": self.index_name, "definition": self.definition}
        if self.replaces:
            kwargs["replaces"] = self.replaces
        if self.replaced_by:
            kwargs["replaced_by"] = self.replaced_by
        return self.__class__.__qualname__, [], kwargs

    def describe(self):
        return f"Create index {self.index_name} concurrently on PostgreSQL"

    def _create(self, apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        how = "CONCURRENTLY " if _concurrently(schema_editor) else ""
        _drop_if_invalid(schema_editor, self.index_name)
        schema_editor.execute(
            f"CREATE INDEX {how}IF NOT EXISTS {self.index_name} {self.definition}"
        )
        if self.replaces:
            schema_editor.execute(f"DROP INDEX {how}IF EXISTS {self.replaces}")

    def _drop(self, apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        how = "CONCURRENTLY " if _concurrently(schema_editor) else ""
        if self.replaces:
            _drop_if_invalid(schema_editor, self.replaces)
            schema_editor.execute(
                f"CREATE INDEX {how}IF NOT EXISTS {self.replaces} {self.replaced_by}"
            )
        schema_editor.execute(f"DROP INDEX {how}IF EXISTS {self.index_name}")


def _drop_if_invalid(schema_editor, name: str):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT NOT indisvalid FROM pg_index WHERE indexrelid = to_regclass(%s)", [name]
        )
        row = cursor.fetchone()
    if row and row[0]:
        how = "CONCURRENTLY " if _concurrently(schema_editor) else ""
        schema_editor.execute(f"DROP INDEX {how}IF EXISTS {name}")
