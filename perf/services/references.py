"""Goals and entries as the LLM layer takes them: plain data with short per-request
references (G1…, E1…) that the app maps back to ids."""

from ..llm.schemas import EntryData, GoalData


def referenced(goals, entries):
    """(GoalData list, EntryData list, {goal id: G-ref}, {E-ref: entry id}); entries must
    have their goals prefetched."""
    goal_refs = {goal.pk: f"G{n}" for n, goal in enumerate(goals, start=1)}
    entry_refs = {f"E{n}": entry.pk for n, entry in enumerate(entries, start=1)}
    goal_data = [
        GoalData(ref=goal_refs[g.pk], title=g.title, tag=g.slug, description=g.description)
        for g in goals
    ]
    entry_data = [
        EntryData(
            ref=ref,
            date=entry.date,
            type=entry.type,
            text=entry.text,
            goal_refs=[goal_refs[g.pk] for g in entry.goals.all() if g.pk in goal_refs],
        )
        for ref, entry in zip(entry_refs, entries, strict=True)
    ]
    return goal_data, entry_data, goal_refs, entry_refs
