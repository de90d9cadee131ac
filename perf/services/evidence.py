"""What a period's summary would rest on, and what is missing from it."""

import datetime

from journal.models import Entry

from ..models import Citation, Goal, GoalStatus, PerfSummary
from .references import with_goal_ids

SILENT_GAP = datetime.timedelta(days=14)


def evidence(user, start, end, *, exclude_ids=()):
    """What a summary of the period would rest on, and what is missing from it.

    Returns the period's facts grouped by goal (unlinked last), open plans (no fact marks
    them done), active goals with no fact, and silences of two weeks or more without a fact.
    """
    entries = with_goal_ids(
        Entry.objects.for_user(user)
        .between(start, end)
        .with_done_flag()
        .order_by("date", "created_at")
    )
    facts = [entry for entry in entries if entry.is_fact]
    # A fact counts under its first goal (in the goals' order), whatever that goal's status.
    goal_of = {goal.pk: goal for goal in Goal.objects.filter(user=user)}
    excluded = {str(pk) for pk in exclude_ids}
    groups: dict = {}
    for fact in facts:
        fact.excluded = str(fact.pk) in excluded
        goal = goal_of.get(fact.goal_ids[0]) if fact.goal_ids else None
        groups.setdefault(goal, []).append(fact)
    evidenced = {goal for goal, group in groups.items() if any(not f.excluded for f in group)}
    # An archived goal is folded away: its silence is no gap to point out.
    active_goals = [
        goal
        for goal in goal_of.values()
        if goal.status == GoalStatus.ACTIVE and goal.archived_at is None
    ]
    gaps = []
    previous = start - datetime.timedelta(days=1)
    for day in [fact.date for fact in facts] + [end + datetime.timedelta(days=1)]:
        if day - previous > SILENT_GAP:
            gaps.append((previous + datetime.timedelta(days=1), day - datetime.timedelta(days=1)))
        previous = max(previous, day)
    return {
        "groups": sorted(groups.items(), key=lambda item: (item[0] is None, str(item[0] or ""))),
        "fact_count": len(facts),
        "open_plans": [entry for entry in entries if entry.is_plan and not entry.is_done],
        "goals_without_evidence": [goal for goal in active_goals if goal not in evidenced],
        "gaps": gaps,
    }


def unused_facts(summary: PerfSummary):
    """Facts that were sent but that no point of the written summary cites."""
    cited = Citation.objects.filter(point__review__summary=summary, point__removed=False)
    unused = set(summary.sent_entry_ids) - {
        str(pk) for pk in cited.values_list("entry_id", flat=True)
    }
    facts = Entry.objects.filter(user_id=summary.user_id).facts()
    return list(facts.filter(pk__in=unused).order_by("date"))
