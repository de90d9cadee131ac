import pytest


@pytest.fixture
def email_on(settings):
    """A server with EMAIL_URL set; the test suite's mailer is Django's locmem outbox."""
    settings.EMAIL_CONFIGURED = True
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    settings.SITE_URL = "https://perf.example.com"
    return settings


@pytest.fixture
def worker_connections(tmp_path):
    """What each thread that plays a worker calls first, and a reading of the sent-log
    after them: on PostgreSQL the test database itself, through each thread's own connection.

    SQLite's in-memory test database is shared by its connections through SQLite's shared
    cache, whose table locks fail at once ("database table is locked") where a file's locks
    wait: there the threads use a copy of it in a file, which locks as an install's does.
    """
    import sqlite3

    from django.db import connection, connections

    if connection.vendor != "sqlite":

        class OnTheTestDatabase:
            def enter(self):
                pass

            def statuses(self):
                from reminders.models import SentReminder

                return sorted(SentReminder.objects.values_list("status", flat=True))

        return OnTheTestDatabase()

    copy = tmp_path / "workers.sqlite3"

    class OnAFileCopy:
        copied = False

        def enter(self):
            if not self.copied:
                raise RuntimeError("copy() the database before the workers start")
            own = connections["default"]  # this thread's, not yet connected
            settings_dict = {**own.settings_dict, "NAME": str(copy)}
            connections["default"] = type(own)(settings_dict, "default")

        def copy(self):
            connection.ensure_connection()
            target = sqlite3.connect(copy)
            connection.connection.backup(target)
            target.close()
            self.copied = True

        def statuses(self):
            with sqlite3.connect(copy) as database:
                rows = database.execute("SELECT status FROM reminders_sentreminder").fetchall()
            return sorted(status for (status,) in rows)

    return OnAFileCopy()
