"""PartialWeekSummary: a week cut by a period's ends (1 July is a Tuesday) or by entries
left out, summarised for a period's summary and kept for the next one."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from journal.models import Role

from .run_model import SummaryLanguage


class WrittenWeek(models.Model):
    """What a written week (whole or in part) holds: its points and what wrote them."""

    role = models.CharField(_("role"), max_length=16, choices=Role)
    language = models.CharField(_("language"), max_length=8, choices=SummaryLanguage)
    # [{"id", "text", "entry_ids", "unsupported"}], like a GoalReview's outputs.
    bullets = models.JSONField(_("points"), default=list, blank=True)
    is_ai = models.BooleanField(_("written by a model"), default=True)
    provider = models.CharField(_("provider"), max_length=32, blank=True)
    model = models.CharField(_("model"), max_length=100, blank=True)
    prompt_version = models.CharField(_("prompt version"), max_length=40, blank=True)
    input_tokens = models.PositiveIntegerField(_("input tokens"), default=0)
    output_tokens = models.PositiveIntegerField(_("output tokens"), default=0)
    ungrounded_count = models.PositiveIntegerField(_("unsupported claims"), default=0)

    class Meta:
        abstract = True


class PartialWeekSummary(WrittenWeek):
    """The points of part of an ISO week: the days from `start` to `end` within the week of
    `week_start`, less any entries the period's summary left out.

    Reused, as a whole week's WeekSummary is, while `fingerprint` (of the entries it was
    made from), the language and the role still match; written anew over the row of the
    same span otherwise. Never shown on the Feed: its week cards are whole weeks only.
    """

    id = models.UUIDField("ID", primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="partial_week_summaries",
    )
    week_start = models.DateField(_("week of"))  # its Monday
    start = models.DateField(_("from"))
    end = models.DateField(_("to"))
    fingerprint = models.CharField(_("fingerprint"), max_length=64)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    # The spans a week keeps at most: a week that one period ends in and the next starts
    # in has two in use; older ones of other periods go.
    KEPT_PER_WEEK = 4

    class Meta:
        ordering = ["-start"]
        verbose_name = _("partial week summary")
        verbose_name_plural = _("partial week summaries")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "start", "end"], name="one_partial_summary_per_span"
            ),
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="partial_week_in_order"
            ),
        ]

    def __str__(self):
        return f"{self.start} – {self.end}"
