"""ConnectionCheck: one "Test the connection" of the LLM settings page, run by the worker
(perf/services/connection.py), and what it found."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .run_model import Run


class ConnectionCheck(Run):
    id = models.UUIDField("ID", primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked by"),
        on_delete=models.CASCADE,
        related_name="connection_checks",
    )
    # The language of the page it was asked from: its failure reason is written in it.
    language = models.CharField(_("language"), max_length=8)
    provider = models.CharField(_("provider"), max_length=16, blank=True)
    model = models.CharField(_("model"), max_length=200, blank=True)
    base_url = models.CharField(_("base URL"), max_length=500, blank=True)
    json_mode = models.CharField(_("JSON mode"), max_length=16, blank=True)
    answer_seconds = models.FloatField(_("answer time (seconds)"), null=True, blank=True)
    reply = models.TextField(_("reply"), blank=True)
    schema_valid = models.BooleanField(_("fits the schema"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    # The most a reply keeps: a model that rambles fills no table.
    REPLY_CHARS = 2000
    # Waiting this long for a worker, a test is taken to be lost (no worker runs): a new
    # press queues another. One that runs is the sweep's to fail if its worker dies.
    STUCK_SECONDS = 120

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("LLM connection test")
        verbose_name_plural = _("LLM connection tests")

    def waited(self) -> float:
        """Seconds since it was asked for."""
        return (timezone.now() - self.created_at).total_seconds()

    def stuck(self) -> bool:
        return self.status == "pending" and self.waited() > self.STUCK_SECONDS

    def __str__(self):
        return f"{self.provider} {self.model} {self.created_at:%Y-%m-%d %H:%M}"
