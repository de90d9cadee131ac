"""A draft, grounded: a model's draft made into a summary, keeping only references to
entries that were sent, dropping points left with none, and marking in each point, goal
context and the narrative what the entries it cites do not support.
"""

from collections.abc import Iterable

from ..schemas import Bullet, DraftBullet, DraftSummary, GoalSummary, SummaryRequest
from .claims import Source, unsupported_claims


def _refs(refs: Iterable[str], allowed: set[str]) -> list[str]:
    # Small models write "[E3]" or "e3" for E3.
    normalised = (ref.strip(" []").upper() for ref in refs)
    return list(dict.fromkeys(ref for ref in normalised if ref in allowed))


def _sources(request: SummaryRequest, refs: Iterable[str]) -> list[Source]:
    """The cited entries, each with its date; a weekly point's entries each on their own."""
    by_ref = {entry.ref: entry for entry in request.entries}
    sources = []
    for ref in refs:
        entry = by_ref[ref]
        sources.append(Source(entry.text, entry.date))
        sources += [Source(evidence.text, evidence.date) for evidence in entry.evidence]
    return sources


def _known_names(request: SummaryRequest) -> list[str]:
    return [goal.title for goal in request.goals] + [
        f"#{goal.tag}" for goal in request.goals if goal.tag
    ]


def ground_bullets(draft_bullets: list[DraftBullet], request: SummaryRequest):
    """Keep references to facts that were sent; a bullet left with none is dropped. Each
    kept bullet is checked against the entries it cites."""
    facts = {entry.ref for entry in request.entries if entry.type == "fact"}
    known = _known_names(request)
    kept, dropped = [], 0
    for draft in draft_bullets:
        refs = _refs(draft.refs, facts)
        if not refs or not draft.text.strip():
            dropped += 1
            continue
        text = draft.text.strip()
        kept.append(
            Bullet(
                text=text,
                entry_refs=refs,
                unsupported=unsupported_claims(text, _sources(request, refs), known),
            )
        )
    return kept, dropped


def ground(draft: DraftSummary, request: SummaryRequest):
    """Return (goals, summary_unsupported, ungrounded_count) for a model's draft: points
    and each goal's context are checked against the entries they cite (a context also
    against its goal's description), the narrative against what the kept points and
    contexts cite."""
    goals_by_ref = {goal.ref: goal for goal in request.goals}
    sent = {entry.ref for entry in request.entries}
    known = _known_names(request)
    descriptions = [Source(goal.description) for goal in request.goals if goal.description]
    goals, ungrounded, cited = [], 0, []
    for draft_goal in draft.goals:
        outputs, dropped_outputs = ground_bullets(draft_goal.outputs, request)
        outcomes, dropped_outcomes = ground_bullets(draft_goal.outcomes, request)
        ungrounded += dropped_outputs + dropped_outcomes
        if not outputs and not outcomes:
            continue
        goal = goals_by_ref.get(draft_goal.goal_ref or "")
        context_refs = _refs(draft_goal.context_refs, sent)
        context_sources = _sources(request, context_refs)
        if goal and goal.description:
            context_sources.append(Source(goal.description))
        context = draft_goal.context.strip()
        cited += [ref for bullet in outputs + outcomes for ref in bullet.entry_refs]
        cited += context_refs
        goals.append(
            GoalSummary(
                goal_ref=goal.ref if goal else None,
                title=draft_goal.title.strip(),
                context=context,
                context_refs=context_refs,
                context_unsupported=unsupported_claims(context, context_sources, known),
                outputs=outputs,
                outcomes=outcomes,
            )
        )
    narrative_sources = _sources(request, dict.fromkeys(cited)) + descriptions
    summary_unsupported = unsupported_claims(draft.summary_text, narrative_sources, known)
    return goals, summary_unsupported, ungrounded
