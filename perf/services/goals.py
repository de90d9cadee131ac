"""The goals page's cards, archiving, and what deleting a goal does."""

import dataclasses
import datetime

from django.db.models import Count, OuterRef, Q, Subquery
from django.utils import timezone

from journal.models import Entry, EntryType

from ..models import Goal, PerfSummary

# A card counts the facts of this many days, today included.
RECENT_DAYS = 90


def goal_cards(user, today: datetime.date) -> list[Goal]:
    """The user's goals, each with `recent_facts` (its facts of the last RECENT_DAYS days up
    to `today`, the user's today) and `last_entry` (its latest entry, or None), in two
    queries however many goals: the goals with their counts and their last entry's id, then
    those entries."""
    since = today - datetime.timedelta(days=RECENT_DAYS - 1)
    recent = Q(entries__type=EntryType.FACT, entries__date__range=(since, today))
    last = Entry.objects.filter(goals=OuterRef("pk")).order_by("-date", "-created_at", "-pk")
    goals = list(
        Goal.objects.filter(user=user)
        .annotate(
            recent_facts=Count("entries", filter=recent),
            last_entry_id=Subquery(last.values("pk")[:1]),
        )
        .order_by(*Goal._meta.ordering)  # a GROUP BY query drops Meta.ordering
    )
    ids = [goal.last_entry_id for goal in goals if goal.last_entry_id]
    found = Entry.objects.only("date", "text").in_bulk(ids) if ids else {}
    for goal in goals:
        goal.last_entry = found.get(goal.last_entry_id)
    return goals


def set_archived(goal: Goal, archived: bool) -> None:
    """Fold the goal away (or bring it back); its status, links and summaries stay."""
    goal.archived_at = timezone.now() if archived else None
    goal.save(update_fields=["archived_at"])


@dataclasses.dataclass
class DeletionEffects:
    """What deleting a goal changes, for its confirmation page to say."""

    linked_entries: int
    summaries: list[PerfSummary]


def deletion_effects(goal: Goal) -> DeletionEffects:
    """Deleting a goal deletes its links (the entries stay, Goal.entries) and, in each
    summary with a section for it (GoalReview.goal, SET_NULL), unties that section from the
    goal: its title, context, points and citations stay; writing that section again then
    rests on the entries it cites only, no longer on those linked to the goal
    (services/summaries.py)."""
    summaries = PerfSummary.objects.filter(goal_reviews__goal=goal).distinct()
    return DeletionEffects(
        linked_entries=goal.entries.count(),
        summaries=list(summaries.only("period_start", "period_end", "created_at")),
    )
