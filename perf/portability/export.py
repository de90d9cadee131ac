"""A user's whole journal out of Perf Assist: lossless JSON (a backup that
`import_journal` restores) and a readable day-by-day Markdown document."""

import datetime
import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from journal.models import Entry, Profile

from ..models import (
    Goal,
    GoalReview,
    PerfSummary,
    PointSection,
    ReviewForm,
    ReviewPoint,
    WeekSummary,
)
from ..services.markdown import inert

FORMAT = "perf-assist-journal"
# 2: points carry removed and cited_count, goal reviews context_entry_ids (a reader of 1
# would bring removed points back). Version 1 files are still read.
VERSION = 2
READS = (1, 2)

# Kept by the app itself, so never carried: the owner, and the search copy of the text.
NOT_CARRIED = {"user", "search_text", "summary"}
PROFILE_FIELDS = ["role", "language", "time_zone", "guidance"]


def record_fields(model) -> list[models.Field]:
    """Every stored field of a model that a backup carries: all of them, so that a field
    added later is exported without anyone remembering to."""
    return [field for field in model._meta.concrete_fields if field.name not in NOT_CARRIED]


def as_record(instance) -> dict:
    return {
        field.name: field.value_from_object(instance) for field in record_fields(type(instance))
    }


def goal_links(user) -> dict:
    """Each of the user's entries linked to goals: the ids of those goals."""
    links: dict = {}
    for entry_id, goal_id in Goal.entries.through.objects.filter(entry__user=user).values_list(
        "entry_id", "goal_id"
    ):
        links.setdefault(entry_id, []).append(goal_id)
    return links


# A review's points by section, as the file lists them.
POINT_SECTIONS = (
    ("outputs", PointSection.OUTPUT),
    ("outcomes", PointSection.OUTCOME),
    ("answers", PointSection.ANSWER),
)


def review_record(review: GoalReview) -> dict:
    """A goal review as exported: its fields, the entries its context cites, and its points
    as the lists of bullets it kept before points were rows, so the file's shape stays."""
    record = as_record(review)
    record["context_entry_ids"] = sorted(str(entry.pk) for entry in review.context_entries.all())
    for field, section in POINT_SECTIONS:
        record[field] = [
            {
                "id": point.key,
                "text": point.text,
                "entry_ids": point.cited_entry_ids(),
                "unsupported": point.unsupported,
                "locked": point.locked,
                "removed": point.removed,
                "cited_count": point.cited_count,
            }
            for point in review.points.all()
            if point.section == section
        ]
    return record


def journal_data(user) -> dict:
    """Everything of one user's journal, in a shape that `json.dumps` can write."""
    links = goal_links(user)
    reviews: dict = {}
    points = ReviewPoint.objects.prefetch_related("citations")
    for review in (
        GoalReview.objects.filter(summary__user=user)
        .prefetch_related(models.Prefetch("points", queryset=points), "context_entries")
        .order_by("position", "pk")
    ):
        reviews.setdefault(review.summary_id, []).append(review_record(review))
    profile, _created = Profile.objects.get_or_create(user=user)
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": timezone.now(),
        "user": {
            "username": user.get_username(),
            **{f: getattr(profile, f) for f in PROFILE_FIELDS},
        },
        "goals": [
            as_record(goal) for goal in Goal.objects.filter(user=user).order_by("created_at", "pk")
        ],
        "entries": [
            {**as_record(entry), "goals": sorted(links.get(entry.pk, []), key=str)}
            for entry in Entry.objects.filter(user=user).order_by("date", "created_at", "pk")
        ],
        "summaries": [
            {**as_record(summary), "goal_reviews": reviews.get(summary.pk, [])}
            for summary in PerfSummary.objects.filter(user=user).order_by("created_at", "pk")
        ],
        "week_summaries": [
            as_record(week) for week in WeekSummary.objects.filter(user=user).order_by("week_start")
        ],
        "review_forms": [
            as_record(form) for form in ReviewForm.objects.filter(user=user).order_by("position")
        ],
    }


class ExactEncoder(DjangoJSONEncoder):
    """Times to the microsecond: Django's encoder cuts them to milliseconds."""

    def default(self, o):
        if isinstance(o, datetime.datetime):
            return o.isoformat()
        return super().default(o)


def journal_json(user) -> str:
    return json.dumps(journal_data(user), cls=ExactEncoder, ensure_ascii=False, indent=2) + "\n"


def journal_markdown(user) -> str:
    """The journal as a document to read: its goals, then day by day, plans before facts."""
    profile, _created = Profile.objects.get_or_create(user=user)
    entries = Entry.objects.filter(user=user).order_by("date", "created_at", "pk")
    goals = list(Goal.objects.filter(user=user).order_by("status", "title"))
    tags = {goal.pk: goal.slug for goal in goals}
    links = {
        entry_id: [tags[goal_id] for goal_id in goal_ids if goal_id in tags]  # the user's goals
        for entry_id, goal_ids in goal_links(user).items()
    }
    done_plans = set(
        entries.filter(fulfils_plan__isnull=False).values_list("fulfils_plan_id", flat=True)
    )

    with translation.override(profile.language or settings.LANGUAGE_CODE):
        lines = [
            "# " + _("Journal of %(name)s") % {"name": inert(user.get_username())},
            "",
            _("Exported from Perf Assist on %(day)s.") % {"day": profile.today().isoformat()},
            "",
        ]
        if goals:
            lines += ["## " + _("Goals"), ""]
            for goal in goals:
                line = f"- **{inert(goal.title)}** (#{goal.slug}, {goal.get_status_display()})"
                if goal.description:
                    line += ": " + indented(inert(goal.description))
                lines.append(line)
            lines.append("")
        day = None
        for entry in entries:
            if entry.date != day:
                day, kind = entry.date, None
                lines += [f"## {day.isoformat()}, {date_format(day, 'l')}", ""]
            if entry.type != kind:
                kind = entry.type
                heading = _("Plans") if entry.is_plan else _("Facts")
                lines += [f"### {heading}", ""]
            lines.append(entry_line(entry, links.get(entry.pk, []), entry.pk in done_plans))
        if not entries.exists():
            lines += [_("No entries yet."), ""]
    return tidy(lines)


def entry_line(entry, tags, done) -> str:
    text = indented(inert(entry.text))
    unseen = [tag for tag in sorted(tags) if f"#{tag}" not in entry.text.lower()]
    if unseen:
        text += " (" + ", ".join(f"#{tag}" for tag in unseen) + ")"
    if done:
        text += " ✓ " + _("done")
    return f"- {text}"


def indented(text: str) -> str:
    """Further lines of a list item's text, indented so Markdown keeps them in the item."""
    return "\n  ".join(text.splitlines())


def tidy(lines: list[str]) -> str:
    """Blank lines between blocks: before each heading, none doubled."""
    out: list[str] = []
    for line in lines:
        if line.startswith("#") and out and out[-1] != "":
            out.append("")
        if line == "" and out and out[-1] == "":
            continue
        out.append(line)
        if line.startswith("#"):
            out.append("")
    return "\n".join(out).strip() + "\n"


def export_filename(user, extension: str) -> str:
    """Named by the day on the user's own calendar, like the date inside the export."""
    profile, _created = Profile.objects.get_or_create(user=user)
    return f"perf-assist-{user.get_username()}-{profile.today().isoformat()}.{extension}"
