"""What perf hangs on an entry, kept across its delete for Undo (journal/undo.py): its goal
links, its citations in summary points (with their place among the point's citations) and
in goal reviews' contexts. Registered in PerfConfig.ready().

Deleting an entry deletes those rows (the database cascades) and marks its week's summary
stale; Undo puts the rows back where their goal, point or review still exists, and the week
is fresh again if its entries are now those it was written from."""

import datetime

from journal import extensions
from journal.models import Entry, monday_of

from .models import Citation, Goal, GoalReview, ReviewPoint, SummaryStatus, WeekSummary
from .services.weeks import fingerprint


class PerfKeeper(extensions.EntryKeeper):
    name = "perf"

    def snapshot(self, entry):
        citations = Citation.objects.filter(entry=entry).values_list("point_id", "position")
        contexts = GoalReview.context_entries.through.objects.filter(entry=entry)
        return {
            "goals": [str(pk) for pk in entry.goals.values_list("pk", flat=True)],
            "citations": [[str(point), position] for point, position in citations],
            "contexts": [str(pk) for pk in contexts.values_list("goalreview_id", flat=True)],
        }

    def restore(self, entry, data):
        user_id = entry.user_id
        # Exactly the goals it had (the save's #tags may have linked others it was unticked
        # from), of those still there.
        entry.goals.set(Goal.objects.filter(user_id=user_id, pk__in=data["goals"]))
        cited = dict(data["citations"])
        points = ReviewPoint.objects.filter(review__summary__user_id=user_id, pk__in=list(cited))
        Citation.objects.bulk_create(
            [
                Citation(point_id=pk, entry=entry, position=cited[str(pk)])
                for pk in points.values_list("pk", flat=True)
            ],
            ignore_conflicts=True,
        )
        entry.cited_by_contexts.add(
            *GoalReview.objects.filter(summary__user_id=user_id, pk__in=data["contexts"])
        )
        freshen_week(user_id, entry.date)


def freshen_week(user_id, day):
    """The week's summary is no longer stale if its entries are again those it was written
    from (an entry deleted and brought back)."""
    monday = monday_of(day)
    week = WeekSummary.objects.filter(
        user_id=user_id, week_start=monday, stale=True, status=SummaryStatus.DONE
    ).first()
    if week is None or not week.fingerprint:
        return
    rows = (
        Entry.objects.filter(user_id=user_id)
        .between(monday, monday + datetime.timedelta(days=6))
        .values_list("pk", "date", "type", "text")
    )
    if fingerprint(rows) == week.fingerprint:
        WeekSummary.objects.filter(pk=week.pk).update(stale=False)


def register():
    extensions.register_keeper(PerfKeeper())
