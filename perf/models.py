import datetime
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from journal.models import Role, url_prefix
from journal.services import get_profile

# Run, its status and the languages live apart, so that models in modules of their own
# (ImportRun, PartialWeekSummary) build on them without importing this module; they are
# perf.models' all the same.
from .connection_checks import ConnectionCheck  # noqa: F401  (registers the model)
from .form_model import ReviewForm  # noqa: F401  (registers the model)
from .import_runs import ImportRun  # noqa: F401  (registers the model)
from .partial_weeks import PartialWeekSummary, WrittenWeek  # noqa: F401  (registers the model)
from .run_model import Run, SummaryLanguage, SummaryStatus  # noqa: F401  (perf.models' too)


def iso_week(monday: datetime.date) -> str:
    """The ISO week a Monday starts, written as 2026-W10."""
    year, week, _ = monday.isocalendar()
    return f"{year}-W{week:02d}"


class GoalStatus(models.TextChoices):
    ACTIVE = "active", pgettext_lazy("goal status", "Active")
    DONE = "done", pgettext_lazy("goal status", "Done")
    DROPPED = "dropped", pgettext_lazy("goal status", "Dropped")


class Goal(models.Model):
    id = models.UUIDField("ID", primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="goals",
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("tag"),
        max_length=60,
        allow_unicode=True,
        help_text=_("Write #tag in an entry to link it to this goal."),
    )
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=GoalStatus, default=GoalStatus.ACTIVE
    )
    entries = models.ManyToManyField(
        "journal.Entry", verbose_name=_("entries"), related_name="goals", blank=True
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # Archiving folds a goal away (the goals list, the entry form's picker) without touching
    # its status: a done goal stays done, and its links and summaries stay as they are.
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)

    class Meta:
        ordering = ["status", "title"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        constraints = [
            models.UniqueConstraint(fields=["user", "slug"], name="goal_slug_unique_per_user")
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.title, allow_unicode=True)[:60] or "goal"
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{url_prefix('perf:goal-detail')}{self.pk}/"

    @classmethod
    def pickable_for(cls, user, entry=None):
        """Goals an entry can be linked to: the user's goals that are neither dropped nor
        archived, and any the entry is linked to already."""
        pickable = ~models.Q(status=GoalStatus.DROPPED) & models.Q(archived_at__isnull=True)
        if entry is not None and not entry._state.adding:
            pickable |= models.Q(entries=entry)
        return cls.objects.filter(pickable, user=user).distinct()


class PerfSummary(Run):
    id = models.UUIDField("ID", primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="perf_summaries",
    )
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    role = models.CharField(_("role"), max_length=16, choices=Role)
    language = models.CharField(_("language"), max_length=8, choices=SummaryLanguage)
    summary_text = models.TextField(_("narrative"), blank=True)
    summary_unsupported = models.JSONField(
        _("unsupported in the narrative"), default=list, blank=True
    )
    # Edited by the user: a rewrite keeps it until it is unlocked.
    summary_text_locked = models.BooleanField(_("narrative kept when rewritten"), default=False)
    # While set, the pending run rewrites only this GoalReview, not the whole summary.
    rewriting_review_id = models.UUIDField(
        _("goal review being rewritten"), null=True, blank=True, editable=False
    )
    is_ai = models.BooleanField(_("written by a model"), default=True)
    provider = models.CharField(_("provider"), max_length=32, blank=True)
    model = models.CharField(_("model"), max_length=100, blank=True)
    prompt_version = models.CharField(_("prompt version"), max_length=40, blank=True)
    input_tokens = models.PositiveIntegerField(_("input tokens"), default=0)
    output_tokens = models.PositiveIntegerField(_("output tokens"), default=0)
    ungrounded_count = models.PositiveIntegerField(_("unsupported claims"), default=0)
    # How it was made: directly from the entries (0 weeks), or from weekly summaries of a
    # journal too long for one prompt (LLM_INPUT_BUDGET), some reused as they were.
    weeks_used = models.PositiveIntegerField(_("weeks used"), default=0)
    weeks_reused = models.PositiveIntegerField(_("weeks reused"), default=0)
    llm_calls = models.PositiveIntegerField(_("model calls"), default=0)
    # Written for a review form: its name and questions as they were when it was asked
    # for ([{"text", "guidance", "limit"}]); each answer is a GoalReview. None: the seed's
    # Context / Outputs / Outcomes per goal.
    form_key = models.CharField(_("form"), max_length=40, blank=True)
    form_name = models.CharField(_("form name"), max_length=200, blank=True)
    form_questions = models.JSONField(_("form questions"), default=list, blank=True)
    sent_entry_ids = models.JSONField(_("entries sent"), default=list, blank=True)
    excluded_entry_ids = models.JSONField(_("entries left out"), default=list, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("perf summary")
        verbose_name_plural = _("perf summaries")
        indexes = [models.Index(fields=["user", "-created_at"], name="summary_user_created_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="summary_period_in_order",
            )
        ]

    RESET_ON_FAIL = {"rewriting_review_id": None}

    def __str__(self):
        return f"{self.period_start} – {self.period_end}"

    def reason_language(self) -> str:
        # A summary's reasons are read on its page, in the user's language.
        return get_profile(self.user).language or settings.LANGUAGE_CODE


class GoalReview(models.Model):
    """One goal or project of a summary: its Context, and its Outputs and Outcomes as
    points (ReviewPoint), each citing its entries. In a summary written for a form, one
    answer: the question as its title, and its points (section "answer")."""

    id = models.UUIDField("ID", primary_key=True, default=uuid.uuid4, editable=False)
    summary = models.ForeignKey(
        PerfSummary,
        verbose_name=_("perf summary"),
        on_delete=models.CASCADE,
        related_name="goal_reviews",
    )
    goal = models.ForeignKey(
        Goal,
        verbose_name=_("goal"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reviews",
    )
    title = models.CharField(_("title"), max_length=200)
    title_locked = models.BooleanField(_("title kept when rewritten"), default=False)
    context = models.TextField(_("context"), blank=True)
    context_unsupported = models.JSONField(
        _("unsupported in the context"), default=list, blank=True
    )
    context_locked = models.BooleanField(_("context kept when rewritten"), default=False)
    # The entries the context rests on, like a point's citations.
    context_entries = models.ManyToManyField(
        "journal.Entry",
        verbose_name=_("context entries"),
        related_name="cited_by_contexts",
        blank=True,
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    # An answer's character limit, and whether the layer cut it to fit.
    limit = models.PositiveIntegerField(_("character limit"), null=True, blank=True)
    cut_to_limit = models.BooleanField(_("cut to its limit"), default=False)

    class Meta:
        ordering = ["summary", "position"]
        verbose_name = _("goal review")
        verbose_name_plural = _("goal reviews")

    def __str__(self):
        return self.title


class PointSection(models.TextChoices):
    OUTPUT = "output", _("Output")
    OUTCOME = "outcome", _("Outcome")
    ANSWER = "answer", _("Answer")


class ReviewPoint(models.Model):
    """One output or outcome of a goal review, citing its entries in order.

    A point the user edited is locked and one they removed is kept as removed: writing the
    summary or its goal again keeps both as they are (a drafted point citing the same
    entries is dropped), until the user unlocks or brings it back.
    """

    id = models.UUIDField("ID", primary_key=True, default=uuid.uuid4, editable=False)
    review = models.ForeignKey(
        GoalReview, verbose_name=_("goal review"), on_delete=models.CASCADE, related_name="points"
    )
    section = models.CharField(_("section"), max_length=8, choices=PointSection)
    position = models.PositiveIntegerField(_("position"), default=0)
    text = models.TextField(_("text"))
    locked = models.BooleanField(_("kept when rewritten"), default=False)
    removed = models.BooleanField(_("removed"), default=False)
    # What the text states that its cited entries do not, each as the text writes it.
    unsupported = models.JSONField(_("unsupported"), default=list, blank=True)
    # How many entries it cited when written: fewer citations now means one was deleted.
    cited_count = models.PositiveIntegerField(_("entries cited when written"), default=0)
    entries = models.ManyToManyField(
        "journal.Entry",
        verbose_name=_("entries"),
        through="Citation",
        related_name="review_points",
        blank=True,
    )

    class Meta:
        # By the columns: ordering by the relation would join the review and the summary.
        ordering = ["review_id", "section", "position", "pk"]
        verbose_name = _("point")
        verbose_name_plural = _("points")

    def __str__(self):
        return self.text

    @property
    def key(self) -> str:
        """Its name in URLs and on the page."""
        return self.pk.hex

    def cited_entries(self) -> list:
        """The cited entries in order (from prefetched citations when there are some)."""
        return [citation.entry for citation in self.citations.all()]

    def cited_entry_ids(self) -> list[str]:
        return [str(citation.entry_id) for citation in self.citations.all()]

    @property
    def cited_deleted(self) -> int:
        """How many of the entries it cited have been deleted since."""
        return max(self.cited_count - len(self.citations.all()), 0)

    def cite(self, entry_ids) -> list["Citation"]:
        """Unsaved citation rows for `entry_ids`, in order, duplicates dropped."""
        return [
            Citation(point=self, entry_id=pk, position=position)
            for _point, pk, position in self.citation_rows(entry_ids)
        ]

    def citation_rows(self, entry_ids) -> list[tuple]:
        """The same as (point, entry, position) tuples, for perf.bulk.insert_rows."""
        unique = dict.fromkeys(str(pk) for pk in entry_ids)
        return [(self.pk, pk, position) for position, pk in enumerate(unique)]


class Citation(models.Model):
    """A point's reference to one of the entries it rests on; deleting the entry deletes
    the citation, and the point then says that a cited entry was deleted."""

    point = models.ForeignKey(
        ReviewPoint, verbose_name=_("point"), on_delete=models.CASCADE, related_name="citations"
    )
    entry = models.ForeignKey(
        "journal.Entry",
        verbose_name=_("entry"),
        on_delete=models.CASCADE,
        related_name="point_citations",
    )
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["point_id", "position"]
        verbose_name = _("citation")
        verbose_name_plural = _("citations")
        constraints = [
            models.UniqueConstraint(fields=["point", "entry"], name="cite_an_entry_once")
        ]

    def __str__(self):
        return f"{self.point_id} → {self.entry_id}"


class WeekSummary(Run, WrittenWeek):
    """A short "what I did this week" of one ISO week, kept per user and week.

    `fingerprint` is of the week's entries it was made from: when an entry of the week
    changes, the summary is marked `stale` and is written again only on request (or by a
    period summary that needs it).
    """

    id = models.UUIDField("ID", primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="week_summaries",
    )
    week_start = models.DateField(_("week of"))  # its Monday
    fingerprint = models.CharField(_("fingerprint"), max_length=64, blank=True)
    stale = models.BooleanField(_("stale"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-week_start"]
        verbose_name = _("week summary")
        verbose_name_plural = _("week summaries")
        constraints = [
            models.UniqueConstraint(fields=["user", "week_start"], name="one_summary_per_week"),
        ]

    def __str__(self):
        return self.iso_week

    def save(self, *args, **kwargs):
        if self.week_start.weekday() != 0:
            raise ValueError(f"A week starts on a Monday, not on {self.week_start}.")
        super().save(*args, **kwargs)

    def clean(self):
        # Not a CHECK constraint: on SQLite it would call a function only Django defines.
        if self.week_start and self.week_start.weekday() != 0:
            raise ValidationError({"week_start": _("A week starts on a Monday.")})

    @property
    def iso_week(self) -> str:
        return iso_week(self.week_start)

    @property
    def week_end(self):
        return self.week_start + datetime.timedelta(days=6)
