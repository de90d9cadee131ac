import datetime
import functools
import hashlib
import secrets
import uuid
import zoneinfo

from django.conf import settings
from django.db import connection, models
from django.db.models.functions import Length, Lower
from django.db.models.lookups import LessThanOrEqual
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .search import FoldedContains, SearchTextField, UserSearch, normalize_for_search
from .validation import validate_supported_date, validate_visible_text

ENTRY_TEXT_MAX_LENGTH = 10_000


class Role(models.TextChoices):
    ENGINEER = "engineer", _("Engineer")
    MANAGER = "manager", _("Team lead or manager")


def default_time_zone() -> str:
    return settings.TIME_ZONE


class Profile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="profile",
    )
    role = models.CharField(_("role"), max_length=16, choices=Role, default=Role.ENGINEER)
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("Leave empty to follow the browser's language."),
    )
    time_zone = models.CharField(_("time zone"), max_length=64, default=default_time_zone)
    guidance = models.TextField(
        _("guidance for summaries"),
        blank=True,
        max_length=2000,
        validators=[validate_visible_text],
        help_text=_(
            "Your own instructions for the perf summary, such as what your career ladder "
            "values or how long it should be."
        ),
    )

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self):
        return str(self.user)

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        try:
            return zoneinfo.ZoneInfo(self.time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return zoneinfo.ZoneInfo(settings.TIME_ZONE)

    def today(self) -> datetime.date:
        """Today as the user sees it on their wall clock."""
        return timezone.localdate(timezone=self.zone)


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class ApiToken(models.Model):
    """A personal token for the JSON API. Only its SHA-256 is stored: the token itself is
    shown once, when it is made."""

    PREFIX = "pa_"

    id = models.UUIDField("ID", primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField(_("name"), max_length=100)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    hint = models.CharField(_("starts with"), max_length=12, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self):
        return f"{self.name} ({self.hint}…)"

    @staticmethod
    def digest_of(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @classmethod
    def issue(cls, user, name: str) -> tuple["ApiToken", str]:
        """A new token for `user`: the record, and the token to show once."""
        token = cls.PREFIX + secrets.token_urlsafe(32)
        record = cls.objects.create(
            user=user, name=name, digest=cls.digest_of(token), hint=token[:10]
        )
        return record, token

    @classmethod
    def user_for(cls, token: str):
        """The active user a token belongs to, or None."""
        record = (
            cls.objects.active()
            .select_related("user")
            .filter(digest=cls.digest_of(token), user__is_active=True)
            .first()
        )
        if record is None:
            return None
        now = timezone.now()
        if not record.last_used_at or now - record.last_used_at > datetime.timedelta(minutes=1):
            cls.objects.filter(pk=record.pk).update(last_used_at=now)
        return record.user


def monday_of(day: datetime.date) -> datetime.date:
    """The Monday of the day's ISO week."""
    return day - datetime.timedelta(days=day.weekday())


class EntryType(models.TextChoices):
    PLAN = "plan", _("Plan")
    FACT = "fact", _("Fact")


class EntryQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(user=user)

    def between(self, start=None, end=None):
        qs = self
        if start:
            qs = qs.filter(date__gte=start)
        if end:
            qs = qs.filter(date__lte=end)
        return qs

    def on(self, day):
        return self.filter(date=day)

    def plans(self):
        return self.filter(type=EntryType.PLAN)

    def facts(self):
        return self.filter(type=EntryType.FACT)

    def search(self, query: str, *, user=None):
        """Every word of the query must appear in the text, in any case and alphabet. With
        `user`, that user's entries, through the index (journal/search.py)."""
        if user is not None:
            return UserSearch(user, query).entries(self)
        words = normalize_for_search(query).split()
        return self.filter(FoldedContains(models.F("search_text"), words)) if words else self

    def with_done_flag(self):
        """Annotate plans with whether a fact fulfils them (one query, no N+1)."""
        fulfilled = Entry.objects.filter(fulfils_plan=models.OuterRef("pk"))
        return self.annotate(is_done=models.Exists(fulfilled))


class Entry(models.Model):
    id = models.UUIDField("ID", primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="entries",
    )
    date = models.DateField(_("date"), validators=[validate_supported_date])
    type = models.CharField(_("type"), max_length=8, choices=EntryType)
    text = models.TextField(
        _("text"), max_length=ENTRY_TEXT_MAX_LENGTH, validators=[validate_visible_text]
    )
    fulfils_plan = models.ForeignKey(
        "self",
        verbose_name=_("fulfils plan"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="fulfilled_by",
    )
    # Case-folded copy of text, kept by save(); searched instead of text so that
    # "Миграция" finds "миграция" on SQLite as well as PostgreSQL (see journal/search.py).
    search_text = SearchTextField(editable=False, default="")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = EntryQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-created_at", "-id"]
        verbose_name = _("entry")
        verbose_name_plural = _("entries")
        indexes = [
            # Feed's pages and the API's: a range of (date, created_at, id) (journal/paging.py).
            models.Index(
                fields=["user", "-date", "-created_at", "-id"], name="entry_user_feed_idx"
            ),
            models.Index(fields=["user", "type", "-date"], name="entry_user_type_date_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(type__in=EntryType.values), name="entry_type_valid"
            ),
            models.CheckConstraint(condition=~models.Q(text=""), name="entry_text_not_empty"),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("text"), ENTRY_TEXT_MAX_LENGTH),
                name="entry_text_max_length",
            ),
        ]

    def __str__(self):
        return f"{self.date} {self.get_type_display()}: {self.text[:60]}"

    def save(self, *args, **kwargs):
        self.search_text = normalize_for_search(self.text)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "text" in update_fields:
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{url_prefix('journal:entry-row')}{self.pk}/"

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        entry = super().from_db(db, field_names, values, **kwargs)
        # The day it had when loaded: an edit that moves it changes two weeks.
        entry.loaded_date = entry.__dict__.get("date")
        # The text it had: a save links the goals of the #tags it newly has (perf/signals.py).
        entry.loaded_text = entry.__dict__.get("text")
        return entry

    @property
    def week_start(self) -> datetime.date:
        return monday_of(self.date)

    @property
    def is_plan(self):
        return self.type == EntryType.PLAN

    @property
    def is_fact(self):
        return self.type == EntryType.FACT


@functools.cache
def url_prefix(view_name: str) -> str:
    """ "/entries/" for a view that takes one UUID: rows build their links on it rather than
    reversing them. With reverse() per row, Feed page 1 took p95 3.37x the floor against
    3.25x (p50 15.98 against 15.56 ms; bench/hand_sql.py, 2026-12-01, SQLite, 20k entries),
    where bench/pages.py's target is 3x."""
    placeholder = uuid.UUID(int=0)
    return reverse(view_name, args=[placeholder]).removesuffix(f"{placeholder}/")


def flag_done_plans(entries):
    """Set `is_done` on a page of entries with one indexed lookup of the facts fulfilling them.

    with_done_flag()'s EXISTS is fine on one day's entries, but over a whole journal
    PostgreSQL plans it as a scan of every user's entries before the page's LIMIT. Plain
    SQL, as are the page's goal links and week cards (perf/journal_parts.py): with the three
    through the ORM, Feed page 1 took p95 3.69x the floor against 3.25x, p50 17.51 against
    15.56 ms (bench/hand_sql.py, 2026-12-01, SQLite, 20k entries; the target is 3x).
    """
    entries = list(entries)
    plan_ids = [entry.pk for entry in entries if entry.type == EntryType.PLAN]
    done = set()
    if plan_ids:
        field = Entry._meta.get_field("fulfils_plan")
        quote = connection.ops.quote_name
        column = quote(field.column)
        sql = (
            f"SELECT DISTINCT {column} FROM {quote(Entry._meta.db_table)} "
            f"WHERE {column} IN ({', '.join(['%s'] * len(plan_ids))})"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [field.get_db_prep_value(pk, connection) for pk in plan_ids])
            done = {field.to_python(row[0]) for row in cursor.fetchall()}
    for entry in entries:
        entry.is_done = entry.pk in done
    return entries


def is_working_day(day: datetime.date) -> bool:
    """Monday to Friday: the working week Today, the heatmap's streak and the reminders count in."""
    return day.weekday() < 5


def previous_working_day(day: datetime.date) -> datetime.date:
    """The working day before `day`: Friday for a Monday (and for a weekend day)."""
    previous = day - datetime.timedelta(days=1)
    while not is_working_day(previous):
        previous -= datetime.timedelta(days=1)
    return previous


class TemplateFor(models.TextChoices):
    ANY = "any", _("Plans and facts")
    PLAN = "plan", _("Plans")
    FACT = "fact", _("Facts")


class EntryTemplate(models.Model):
    """A user's own entry template, offered on Today beside the built-in ones
    (journal/entry_templates.py), which are translatable strings rather than rows."""

    MAX_PER_USER = 20
    NAME_MAX_LENGTH = 60

    id = models.UUIDField("ID", primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="entry_templates",
    )
    name = models.CharField(
        _("name"), max_length=NAME_MAX_LENGTH, validators=[validate_visible_text]
    )
    text = models.TextField(
        _("text"), max_length=ENTRY_TEXT_MAX_LENGTH, validators=[validate_visible_text]
    )
    type = models.CharField(
        _("offered for"), max_length=8, choices=TemplateFor, default=TemplateFor.ANY
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["position", "created_at"]
        verbose_name = _("entry template")
        verbose_name_plural = _("entry templates")
        constraints = [
            # In any case, as the form checks (PostgreSQL's lower() folds every alphabet,
            # SQLite's only ASCII).
            models.UniqueConstraint("user", Lower("name"), name="entry_template_name_unique"),
            models.CheckConstraint(
                condition=models.Q(type__in=TemplateFor.values), name="entry_template_type_valid"
            ),
            models.CheckConstraint(
                condition=~models.Q(name="") & ~models.Q(text=""),
                name="entry_template_not_empty",
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("text"), ENTRY_TEXT_MAX_LENGTH),
                name="entry_template_text_max_length",
            ),
        ]

    def __str__(self):
        return self.name
