"""The lifecycle's fields (perf/runs.py), shared by everything the worker writes in the
background: perf and weekly summaries, and journal imports; and the languages summaries
are written in, whole weeks' and partial ones' alike."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class SummaryStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    RUNNING = "running", _("Writing")
    DONE = "done", pgettext_lazy("summary status", "Done")
    FAILED = "failed", pgettext_lazy("summary status", "Failed")


class SummaryLanguage(models.TextChoices):
    EN = "en", _("English")
    RU = "ru", _("Russian")


class Run(models.Model):
    """What the worker writes in the background (a summary, a week, an import), and how far
    it got.

    One lifecycle (perf/runs.py): a run is claimed (pending or failed → running), beats
    its heart while it works, and ends done or failed with a reason. A run whose heartbeat
    stopped (its worker died) is failed by another worker's sweep.
    """

    status = models.CharField(
        _("status"), max_length=8, choices=SummaryStatus, default=SummaryStatus.PENDING
    )
    error = models.TextField(_("error"), blank=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    # Written every RUN_HEARTBEAT_SECONDS while it runs, the wait on the model included.
    heartbeat_at = models.DateTimeField(_("last heartbeat"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    # What else a failed run puts back, beside its status and reason.
    RESET_ON_FAIL: dict = {}

    class Meta:
        abstract = True

    @property
    def in_progress(self) -> bool:
        return self.status in (SummaryStatus.PENDING, SummaryStatus.RUNNING)

    @property
    def seconds(self) -> float | None:
        """How long its last run took, the model's answer included."""
        if self.started_at and self.finished_at:
            return (self.finished_at - self.started_at).total_seconds()
        return None

    def reason_language(self) -> str:
        """The language its failure reasons are written in."""
        return self.language
