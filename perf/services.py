"""Perf summaries: gather a period's entries, ask the LLM layer, save the result whole."""

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from journal.models import Entry
from journal.services import get_profile

from .llm import LLMConfig, LLMError, generate_summary
from .llm.schemas import EntryData, GoalData, SummaryRequest
from .models import Goal, GoalReview, GoalStatus, PerfSummary, SummaryStatus

logger = logging.getLogger(__name__)

MAX_PERIOD = datetime.timedelta(days=2 * 366)
STUCK_GRACE = datetime.timedelta(minutes=5)


class SummaryInputError(ValueError):
    """Arguments that cannot make a summary; the message says why."""


def llm_config() -> LLMConfig:
    """The LLM layer's configuration, from the settings (which read the environment)."""
    return LLMConfig(
        provider=settings.LLM_PROVIDER,
        model=settings.LLM_MODEL,
        timeout=settings.LLM_TIMEOUT,
        max_retries=settings.LLM_MAX_RETRIES,
        anthropic_api_key=settings.ANTHROPIC_API_KEY,
        openai_base_url=settings.OPENAI_BASE_URL,
        openai_api_key=settings.OPENAI_API_KEY,
        openai_json_mode=settings.OPENAI_JSON_MODE,
    )


def validate_period(start: datetime.date, end: datetime.date):
    if end < start:
        raise SummaryInputError(_("The end of the period comes before its start."))
    if end - start > MAX_PERIOD:
        raise SummaryInputError(_("A summary covers at most two years; choose a shorter period."))


def create_summary(user, *, start, end, role=None, language=None, exclude_entry_ids=()):
    """A pending summary of the user's entries from `start` to `end` (inclusive)."""
    validate_period(start, end)
    profile = get_profile(user)
    return PerfSummary.objects.create(
        user=user,
        period_start=start,
        period_end=end,
        role=role or profile.role,
        language=language or profile.language or settings.LANGUAGE_CODE,
        excluded_entry_ids=[str(pk) for pk in exclude_entry_ids],
    )


def start_summary(summary: PerfSummary):
    """Queue a pending summary for the worker, once the transaction that made it commits."""
    from .tasks import write_summary

    transaction.on_commit(lambda: write_summary.enqueue(str(summary.pk)))


def fail_stuck_summaries(user, now=None) -> int:
    """Mark failed the user's summaries that have been running far longer than the LLM's
    timeout allows (a worker killed mid-call), so nothing hangs forever."""
    now = now or timezone.now()
    longest = datetime.timedelta(seconds=settings.LLM_TIMEOUT * (settings.LLM_MAX_RETRIES + 1))
    with translation.override(get_profile(user).language or settings.LANGUAGE_CODE):
        reason = _("The summary took far longer than the model's timeout allows; try again.")
    return PerfSummary.objects.filter(
        user=user, status=SummaryStatus.RUNNING, started_at__lt=now - longest * 2 - STUCK_GRACE
    ).update(status=SummaryStatus.FAILED, error=reason, finished_at=now)


def build_request(summary: PerfSummary):
    """The LLM request for a summary, and the map from its E-references to entry ids."""
    entries = list(
        Entry.objects.for_user(summary.user)
        .between(summary.period_start, summary.period_end)
        .exclude(pk__in=summary.excluded_entry_ids)
        .prefetch_related("goals")
        .order_by("date", "created_at")
    )
    goals = list(Goal.objects.filter(user=summary.user).exclude(status=GoalStatus.DROPPED))
    goal_refs = {goal.pk: f"G{n}" for n, goal in enumerate(goals, start=1)}
    entry_refs = {f"E{n}": entry.pk for n, entry in enumerate(entries, start=1)}
    request = SummaryRequest(
        period_start=summary.period_start,
        period_end=summary.period_end,
        role=summary.role,
        language=summary.language,
        guidance=get_profile(summary.user).guidance,
        goals=[
            GoalData(
                ref=goal_refs[goal.pk],
                title=goal.title,
                tag=goal.slug,
                description=goal.description,
            )
            for goal in goals
        ],
        entries=[
            EntryData(
                ref=ref,
                date=entry.date,
                type=entry.type,
                text=entry.text,
                goal_refs=[goal_refs[g.pk] for g in entry.goals.all() if g.pk in goal_refs],
            )
            for ref, entry in zip(entry_refs, entries, strict=True)
        ],
    )
    goals_by_ref = {ref: pk for pk, ref in goal_refs.items()}
    return request, entry_refs, goals_by_ref


def run_summary(summary: PerfSummary, config: LLMConfig | None = None) -> PerfSummary:
    """Write the summary. A failure is recorded with its reason and keeps what was written
    before; a summary deleted or taken over by another run meanwhile is left alone."""
    claimed_at = timezone.now()
    claimed = PerfSummary.objects.filter(
        pk=summary.pk, status__in=[SummaryStatus.PENDING, SummaryStatus.FAILED]
    ).update(status=SummaryStatus.RUNNING, started_at=claimed_at, error="", finished_at=None)
    if not claimed:  # running or written by another worker, or deleted
        return PerfSummary.objects.filter(pk=summary.pk).first() or summary
    # Only the run that claimed the summary may finish it.
    owned = PerfSummary.objects.filter(
        pk=summary.pk, status=SummaryStatus.RUNNING, started_at=claimed_at
    )
    summary.refresh_from_db()
    language = get_profile(summary.user).language or settings.LANGUAGE_CODE
    try:
        request, entry_refs, goals_by_ref = build_request(summary)
        # Failure reasons are stored for the user to read, in their language.
        with translation.override(language):
            result = generate_summary(request, config or llm_config())
        _save_result(summary, owned, result, entry_refs, goals_by_ref)
    except LLMError as error:
        owned.update(status=SummaryStatus.FAILED, error=str(error), finished_at=timezone.now())
    except Exception:
        logger.exception("summary %s failed unexpectedly", summary.pk)
        with translation.override(language):
            reason = _("Something went wrong while writing the summary; nothing was saved.")
        owned.update(status=SummaryStatus.FAILED, error=reason, finished_at=timezone.now())
        raise
    return PerfSummary.objects.filter(pk=summary.pk).first() or summary


def _save_result(summary, owned, result, entry_refs, goals_by_ref):
    def ids(refs):
        return [str(entry_refs[ref]) for ref in refs]

    def bullets(items):
        return [
            {"text": b.text, "entry_ids": ids(b.entry_refs), "unsupported": b.unsupported}
            for b in items
        ]

    with transaction.atomic():
        if not owned.select_for_update().exists():
            return  # deleted, or failed as stuck and taken over by another run
        summary.goal_reviews.all().delete()
        title_length = GoalReview._meta.get_field("title").max_length
        GoalReview.objects.bulk_create(
            GoalReview(
                summary=summary,
                goal_id=goals_by_ref.get(goal.goal_ref),
                title=goal.title[:title_length],
                context=goal.context,
                context_unsupported=goal.context_unsupported,
                outputs=bullets(goal.outputs),
                outcomes=bullets(goal.outcomes),
                position=position,
            )
            for position, goal in enumerate(result.goals)
        )
        owned.update(
            status=SummaryStatus.DONE,
            error="",
            summary_text=result.summary_text,
            summary_unsupported=result.summary_unsupported,
            is_ai=result.is_ai,
            provider=result.provider,
            model=result.model,
            prompt_version=result.prompt_version,
            input_tokens=result.input_tokens,
            output_tokens=result.output_tokens,
            ungrounded_count=result.ungrounded_count,
            sent_entry_ids=[str(pk) for pk in entry_refs.values()],
            finished_at=timezone.now(),
        )


def summary_as_dict(summary: PerfSummary) -> dict:
    """The seed's JSON shape of a summary, with each bullet's cited entries."""
    return {
        "id": str(summary.pk),
        "period_start": summary.period_start.isoformat(),
        "period_end": summary.period_end.isoformat(),
        "summary_text": summary.summary_text,
        "goals": [
            {
                "id": str(review.pk),
                "title": review.title,
                "context": review.context,
                "outputs": [
                    {"text": b["text"], "entry_ids": b["entry_ids"]} for b in review.outputs
                ],
                "outcomes": [
                    {"text": b["text"], "entry_ids": b["entry_ids"]} for b in review.outcomes
                ],
            }
            for review in summary.goal_reviews.all()
        ],
    }


def summary_markdown(summary: PerfSummary) -> str:
    """The summary as Markdown, each bullet followed by the dates of the entries it cites."""
    reviews = list(summary.goal_reviews.all())
    cited = {pk for r in reviews for item in r.outputs + r.outcomes for pk in item["entry_ids"]}
    dates = {
        str(pk): day for pk, day in Entry.objects.filter(pk__in=cited).values_list("pk", "date")
    }
    with translation.override(summary.language):
        title = _("Perf summary")
        unsupported = _("unsupported")
        context = _("Context")
        headings = (_("Outputs"), _("Outcomes"))
        draft_note = _("Draft without AI, built from your entries.")

    def bullet(item):
        days = sorted({dates[pk].isoformat() for pk in item["entry_ids"] if pk in dates})
        line = f"- {item['text']} ({', '.join(days)})"
        if item.get("unsupported"):
            line += f" ⚠ {unsupported}: {', '.join(item['unsupported'])}"
        return line

    lines = [f"# {title}: {summary.period_start} – {summary.period_end}", ""]
    if not summary.is_ai:
        lines += [f"_{draft_note}_", ""]
    lines += [summary.summary_text, ""]
    for review in reviews:
        lines += [f"## {review.title}", ""]
        if review.context:
            lines += [f"**{context}.** {review.context}", ""]
        for heading, items in zip(headings, (review.outputs, review.outcomes), strict=True):
            if items:
                lines += [f"**{heading}**", "", *(bullet(item) for item in items), ""]
    return "\n".join(lines).rstrip() + "\n"


SILENT_GAP = datetime.timedelta(days=14)


def evidence(user, start, end, *, exclude_ids=()):
    """What a summary of the period would rest on, and what is missing from it.

    Returns the period's facts grouped by goal (unlinked last), open plans (no fact marks
    them done), active goals with no fact, and silences of two weeks or more without a fact.
    """
    entries = list(
        Entry.objects.for_user(user)
        .between(start, end)
        .with_done_flag()
        .prefetch_related("goals")
        .order_by("date", "created_at")
    )
    facts = [entry for entry in entries if entry.is_fact]
    excluded = {str(pk) for pk in exclude_ids}
    groups: dict = {}
    for fact in facts:
        fact.excluded = str(fact.pk) in excluded
        goal = next(iter(fact.goals.all()), None)
        groups.setdefault(goal, []).append(fact)
    evidenced = {goal for goal, group in groups.items() if any(not f.excluded for f in group)}
    active_goals = Goal.objects.filter(user=user, status=GoalStatus.ACTIVE)
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
    """Facts that were sent but that no bullet of the written summary cites."""
    cited = {
        pk
        for review in summary.goal_reviews.all()
        for item in review.outputs + review.outcomes
        for pk in item["entry_ids"]
    }
    unused = set(summary.sent_entry_ids) - cited
    return list(Entry.objects.for_user(summary.user).facts().filter(pk__in=unused).order_by("date"))
