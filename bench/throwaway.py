"""What the benchmarks share: Django with the app's own settings, on a throwaway SQLite
database in a new temporary folder, never your real one; or, for those that measure it
too, a throwaway test_<name> database beside DATABASE_URL's PostgreSQL."""

import contextlib
import logging
import os
import sys
import tempfile
import warnings
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def start_django(**environment) -> Path:
    """Set Django up on a fresh SQLite file (migrate it, or make a test database on it);
    `environment` adds variables for the settings to read. Returns the temporary folder."""
    folder = Path(tempfile.mkdtemp(prefix="perfassist-bench-"))
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "perfassist.settings",
            "DATABASE_URL": f"sqlite:///{folder / 'bench.sqlite3'}",
            "PERFASSIST_DATA_DIR": str(folder),
            **environment,
        }
    )
    os.environ.setdefault("SECRET_KEY", "bench-only-not-secret-" + "x" * 40)
    sys.path.insert(0, str(REPO_ROOT))
    warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
    logging.disable(logging.WARNING)
    import django

    django.setup()
    return folder


def postgres_url() -> str | None:
    """DATABASE_URL from the environment when it names PostgreSQL, else None."""
    url = os.environ.get("DATABASE_URL", "")
    return url if url.split(":", 1)[0] in ("postgres", "postgresql", "pgsql") else None


@contextlib.contextmanager
def test_database():
    """A migrated test database on Django's connection, dropped afterwards: on PostgreSQL
    test_<name> beside the configured one (which is never touched)."""
    from django.db import connection

    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        yield connection.vendor
    finally:
        connection.close()
        connection.creation.destroy_test_db(old_name, verbosity=0)
