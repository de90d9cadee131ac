"""Running export_journal and import_journal in tests, and reading what they leave: the
sample files, a user's export as text, an import's report, an export less its time or its
points' ids, and how many records of each kind a user has."""

import io
import json
from pathlib import Path

from django.core.management import call_command

from journal.models import Entry
from perf.models import Citation, Goal, GoalReview, PerfSummary, ReviewPoint, WeekSummary

SAMPLES = Path(__file__).parent / "samples"


def export(user, fmt="json") -> str:
    out = io.StringIO()
    call_command("export_journal", user=user.username, format=fmt, stdout=out)
    return out.getvalue()


def import_file(user, path, **options) -> str:
    out = io.StringIO()
    call_command("import_journal", str(path), user=user.username, stdout=out, **options)
    return out.getvalue()


def without_export_time(text: str) -> dict:
    data = json.loads(text)
    data.pop("exported_at")
    return data


def without_point_ids(data: dict) -> dict:
    """An export with its points' ids left out: an import gives every point a new one."""
    for summary in data["summaries"]:
        for review in summary["goal_reviews"]:
            for point in review["outputs"] + review["outcomes"] + review.get("answers", []):
                point.pop("id")
    return data


def counts(user) -> dict:
    return {
        "entries": Entry.objects.filter(user=user).count(),
        "goals": Goal.objects.filter(user=user).count(),
        "links": Goal.entries.through.objects.filter(entry__user=user).count(),
        "summaries": PerfSummary.objects.filter(user=user).count(),
        "reviews": GoalReview.objects.filter(summary__user=user).count(),
        "points": ReviewPoint.objects.filter(review__summary__user=user).count(),
        "citations": Citation.objects.filter(entry__user=user).count(),
        "weeks": WeekSummary.objects.filter(user=user).count(),
    }
