"""Third-party apps under names the admin can translate: django-tasks-db and django-axes
give their apps no translatable verbose_name, so the Russian admin showed "Tasks Database
Backend" and "Axes"."""

from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _
from django_tasks_db.apps import TasksAppConfig


class TasksConfig(TasksAppConfig):
    verbose_name = _("Background tasks")


class AxesConfig(AxesAppConfig):
    verbose_name = _("Login attempts")
