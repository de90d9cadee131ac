from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PerfConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "perf"
    verbose_name = _("Perf summary")

    def ready(self):
        from . import checks, entry_undo, journal_parts, signals  # noqa: F401

        journal_parts.register()
        entry_undo.register()
