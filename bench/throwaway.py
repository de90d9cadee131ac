"""What the benchmarks share: Django with the app's own settings, on a throwaway SQLite
database in a new temporary folder, never your real one."""

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
