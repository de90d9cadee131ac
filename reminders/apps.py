from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RemindersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reminders"
    verbose_name = _("Reminders")

    def ready(self):
        from journal import extensions

        from . import checks, parts  # noqa: F401

        extensions.register_part(
            "settings", "reminders/includes/settings.html", load=parts.settings_section
        )
