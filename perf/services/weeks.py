"""Weekly summaries: a short "what I did this week" per user and ISO week, kept with a
fingerprint of the entries it was made from, so that a period summary can reuse it
(weekly_route.py)."""

import datetime
import hashlib
import logging
import uuid

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from journal.models import Entry, monday_of
from journal.services import get_profile
from journal.validation import parse_iso_week as parse_iso_week  # one rule for weeks: 2026-W47

from .. import runs
from ..llm import LLMConfig, LLMError, generate_week
from ..llm.config import llm_config
from ..llm.schemas import SummaryRequest
from ..models import Goal, GoalStatus, SummaryStatus, WeekSummary
from .references import entry_rows, referenced

logger = logging.getLogger(__name__)

WEEK_END = datetime.timedelta(days=6)


def fingerprint(rows) -> str:
    """Of what a week's summary is made from: (id, day, type, text) of each entry."""
    digest = hashlib.sha256()
    for pk, day, kind, text in sorted(rows, key=lambda row: str(row[0])):
        digest.update(f"{pk}|{day}|{kind}|{text}\0".encode())
    return digest.hexdigest()


def entries_fingerprint(entries) -> str:
    return fingerprint((entry.pk, entry.date, entry.type, entry.text) for entry in entries)


def week_entries(user, monday: datetime.date) -> list:
    return entry_rows(
        Entry.objects.for_user(user)
        .between(monday, monday + datetime.timedelta(days=6))
        .order_by("date", "created_at")
    )


def week_request(user, monday, entries, *, language, role) -> tuple[SummaryRequest, dict]:
    """The LLM request for a week, and the map from its E-references to entry ids."""
    goals = list(Goal.objects.filter(user=user).exclude(status=GoalStatus.DROPPED))
    goal_data, entry_data, _, entry_refs = referenced(goals, entries)
    request = SummaryRequest(
        period_start=monday,
        period_end=monday + datetime.timedelta(days=6),
        role=role,
        language=language,
        guidance=get_profile(user).guidance,
        goals=goal_data,
        entries=entry_data,
    )
    return request, entry_refs


def week_defaults(user, ui_language: str | None = None) -> dict:
    """A week is written in the profile's language, else the page's, and for its role."""
    profile = get_profile(user)
    language = profile.language or (ui_language or "")[:2]
    if language not in ("ru", "en"):
        language = settings.LANGUAGE_CODE
    return {"language": language, "role": profile.role}


def prepare_week(summary: WeekSummary):
    """What writing `summary` needs, read from the database: (request, entry_refs,
    fingerprint of the week's entries)."""
    entries = week_entries(summary.user, summary.week_start)
    request, entry_refs = week_request(
        summary.user, summary.week_start, entries, language=summary.language, role=summary.role
    )
    return request, entry_refs, entries_fingerprint(entries)


def save_week(summary: WeekSummary, result, entry_refs, made_from: str, run=None):
    """Store a written week as a whole (its points, fingerprint and cost): through its run
    (perf/runs.py), or, written as part of a period's summary, directly. It stays stale
    when its entries changed while it was being written."""
    now_made_from = fingerprint(
        Entry.objects.for_user(summary.user)
        .between(summary.week_start, summary.week_start + WEEK_END)
        .values_list("pk", "date", "type", "text")
    )
    fields = {**written_fields(result, entry_refs, made_from), "stale": now_made_from != made_from}
    if run is not None:
        return run.finish(**fields)
    now = timezone.now()
    return WeekSummary.objects.filter(pk=summary.pk).update(
        **fields, status=SummaryStatus.DONE, error="", started_at=now, finished_at=now
    )


def write_week(summary: WeekSummary, config: LLMConfig | None = None) -> WeekSummary:
    """Write one week now. A failure is recorded and keeps the points written before."""
    config = config or llm_config()
    run = runs.claim(summary, config.stage_seconds)
    if run is None:
        return WeekSummary.objects.filter(pk=summary.pk).first() or summary
    try:
        with runs.heartbeat(run):
            request, entry_refs, made_from = prepare_week(summary)
            with translation.override(summary.language):
                result = generate_week(request, config)
            runs.reconnect_if_needed()
            save_week(summary, result, entry_refs, made_from, run)
    except LLMError as error:
        run.fail(str(error))
    except Exception:
        logger.exception("week summary %s failed unexpectedly", summary.pk)
        with translation.override(summary.language):
            reason = _("Something went wrong while writing the summary; nothing was saved.")
        run.fail(reason)
        raise
    return WeekSummary.objects.get(pk=summary.pk)


def mark_stale(user_id, *days):
    """An entry of these days changed: their weeks' summaries no longer match it."""
    mondays = {monday_of(day) for day in days if isinstance(day, datetime.date)}
    if mondays:
        WeekSummary.objects.filter(user_id=user_id, week_start__in=mondays, stale=False).update(
            stale=True
        )


def written_fields(result, entry_refs, made_from: str) -> dict:
    """What a written week keeps of its result, whole or partial."""
    return {
        "bullets": bullets_of_result(result, entry_refs),
        "fingerprint": made_from,
        "is_ai": result.is_ai,
        "provider": result.provider,
        "model": result.model,
        "prompt_version": result.prompt_version,
        "input_tokens": result.input_tokens,
        "output_tokens": result.output_tokens,
        "ungrounded_count": result.ungrounded_count,
    }


def bullets_of_result(result, entry_refs) -> list[dict]:
    return [
        {
            "id": uuid.uuid4().hex,
            "text": bullet.text,
            "entry_ids": [str(entry_refs[ref]) for ref in bullet.entry_refs],
            "unsupported": bullet.unsupported,
        }
        for bullet in result.bullets
    ]
