"""Weekly summaries: a short "what I did this week" per user and ISO week, kept with a
fingerprint of the entries it was made from, so that a period summary can reuse it."""

import concurrent.futures
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
from ..llm.budget import prompt_tokens
from ..llm.config import llm_config
from ..llm.schemas import EntryData, Evidence, SummaryRequest
from ..models import Goal, GoalStatus, SummaryStatus, WeekSummary
from .references import REQUEST_FIELDS, referenced, with_goal_ids

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
    return with_goal_ids(
        Entry.objects.for_user(user)
        .between(monday, monday + datetime.timedelta(days=6))
        .only(*REQUEST_FIELDS)
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
    fields = {
        "bullets": bullets_of_result(result, entry_refs),
        "fingerprint": made_from,
        "stale": now_made_from != made_from,
        "is_ai": result.is_ai,
        "provider": result.provider,
        "model": result.model,
        "prompt_version": result.prompt_version,
        "input_tokens": result.input_tokens,
        "output_tokens": result.output_tokens,
        "ungrounded_count": result.ungrounded_count,
    }
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


def by_weeks(
    summary,
    request: SummaryRequest,
    entry_refs: dict,
    config: LLMConfig,
    progress,
    budget: int,
    prompt_tokens=prompt_tokens,
):
    """`request` rewritten for a journal too long for one prompt: see _by_weeks. Weeks cut
    by the period's ends or by left-out entries go as their entries, unless the prompt
    would still pass `budget` (as `prompt_tokens` counts it: a form's counts its questions
    too): then they are summarised too (and not stored)."""
    new_request, week_refs, stats = _by_weeks(summary, request, entry_refs, config, progress)
    if prompt_tokens(new_request) > budget:
        new_request, week_refs, more = _by_weeks(
            summary, request, entry_refs, config, progress, summarise_cut=True
        )
        written = stats["llm_calls"] - 1 + more["llm_calls"] - 1  # weeks, in both passes
        stats = {
            "weeks_used": more["weeks_used"],
            "weeks_reused": more["weeks_used"] - written,
            "llm_calls": written + 1,
            "input_tokens": stats["input_tokens"] + more["input_tokens"],
            "output_tokens": stats["output_tokens"] + more["output_tokens"],
        }
    return new_request, week_refs, stats


def _by_weeks(summary, request, entry_refs, config, progress, *, summarise_cut=False):
    """Each ISO week of the period stands in `request` as the points of its summary
    (S-references, which resolve to the facts they cite). A whole week with nothing left
    out uses its stored summary, reused while its entries, language and role are unchanged,
    else written and stored. A week cut by the period's ends or by left-out entries goes as
    its entries, or with `summarise_cut` is summarised from them and not stored. Weeks are
    written `config.concurrency` at once, each saved as it comes (`progress()` is called
    then). Plans of summarised weeks are dropped: they are intent, not work. A week that
    fails fails the whole summary; weeks already written are kept, each whole. Returns
    (request, week_refs, stats).
    """
    excluded_days = Entry.objects.filter(pk__in=summary.excluded_entry_ids).values_list(
        "date", flat=True
    )
    cut = {monday_of(day) for day in excluded_days}
    weeks: dict[datetime.date, list] = {}
    for entry in request.entries:
        weeks.setdefault(monday_of(entry.date), []).append(entry)
    weeks = {m: es for m, es in sorted(weeks.items()) if any(e.type == "fact" for e in es)}
    whole = {
        m for m in weeks
        if m >= request.period_start and m + WEEK_END <= request.period_end and m not in cut
    }  # fmt: skip
    stored = {
        week.week_start: week
        for week in WeekSummary.objects.filter(user=summary.user, week_start__in=list(whole))
    }
    defaults = week_defaults(summary.user, summary.language)
    bullets_of, to_write, raw = {}, {}, []
    for monday, entries in weeks.items():
        if monday not in whole and not summarise_cut:
            raw += entries
            continue
        made_from = fingerprint((entry_refs[e.ref], e.date, e.type, e.text) for e in entries)
        week = stored.get(monday)
        fresh = (
            week is not None
            and week.status == SummaryStatus.DONE
            and week.fingerprint == made_from
            and (week.language, week.role) == (defaults["language"], defaults["role"])
        )
        if monday in whole and fresh:
            bullets_of[monday] = week.bullets
            continue
        week_refs = {f"E{n}": entry_refs[e.ref] for n, e in enumerate(entries, start=1)}
        week_request_ = request.model_copy(
            update={
                "period_start": max(monday, request.period_start),
                "period_end": min(monday + WEEK_END, request.period_end),
                "entries": [
                    e.model_copy(update={"ref": ref})
                    for ref, e in zip(week_refs, entries, strict=True)
                ],
                "kept": [],
                "removed": [],  # the period's points: their references mean other entries here
                "focus": "",
                **defaults,
            }
        )
        to_write[monday] = (week_request_, week_refs, made_from)

    def written_one(monday, result):
        week_request_, week_refs, made_from = to_write[monday]
        if monday in whole:  # stored for the Feed and the next summary
            week = (
                stored.get(monday)
                or WeekSummary.objects.get_or_create(
                    user=summary.user, week_start=monday, defaults=defaults
                )[0]
            )
            WeekSummary.objects.filter(pk=week.pk).update(**defaults)
            save_week(week, result, week_refs, made_from)
        bullets_of[monday] = bullets_of_result(result, week_refs)
        progress()

    written, failures = _write_weeks(to_write, config, defaults["language"], written_one)
    if failures:
        raise failures[0]

    by_id = {str(entry_refs[e.ref]): e for e in request.entries}
    points, week_refs = [], {}
    for monday in weeks:
        for bullet in bullets_of.get(monday, []):  # none for a week sent as its entries
            ref = f"S{len(week_refs) + 1}"
            week_refs[ref] = bullet["entry_ids"]
            cited = [by_id[pk] for pk in bullet["entry_ids"] if pk in by_id]
            points.append(
                EntryData(
                    ref=ref,
                    date=monday,
                    type="fact",
                    text=bullet["text"],
                    goal_refs=list(dict.fromkeys(g for e in cited for g in e.goal_refs)),
                    # What the point stands for, for the honesty check: its facts and days.
                    evidence=[Evidence(text=e.text, date=e.date) for e in cited],
                )
            )
    summarised = len(bullets_of)
    stats = {
        "weeks_used": summarised,
        "weeks_reused": summarised - len(written),
        "llm_calls": len(written) + 1,
        "input_tokens": sum(result.input_tokens for result in written.values()),
        "output_tokens": sum(result.output_tokens for result in written.values()),
    }
    entries = sorted(raw + points, key=lambda entry: entry.date)
    sent = {entry.ref for entry in entries}
    # A kept or removed point cites E-references; an entry now sent inside a weekly point
    # is cited through that point's S-reference.
    weeks_of = {}
    for ref, ids in week_refs.items():
        for pk in ids:
            weeks_of.setdefault(pk, []).append(ref)

    def through_weeks(points):
        def refs(point):
            for ref in point.refs:
                yield from [ref] if ref in sent else weeks_of.get(str(entry_refs[ref]), [])

        return [p.model_copy(update={"refs": list(dict.fromkeys(refs(p)))}) for p in points]

    update = {
        "entries": entries,
        "kept": through_weeks(request.kept),
        "removed": through_weeks(request.removed),
    }
    return request.model_copy(update=update), week_refs, stats


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


def _write_weeks(to_write: dict, config: LLMConfig, language: str, on_written):
    """Write the weeks' requests at most `config.concurrency` at once, calling
    `on_written(monday, result)` in this thread as each comes. The calls touch no database,
    so threads are safe on SQLite too. Returns ({monday: result}, [LLMError])."""

    def write(week_request_):
        with translation.override(language):
            return generate_week(week_request_, config)

    written, failures = {}, []
    if not to_write:
        return written, failures
    workers = max(1, min(config.concurrency, len(to_write)))
    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        futures = {pool.submit(write, req): monday for monday, (req, _, _) in to_write.items()}
        for future in concurrent.futures.as_completed(futures):
            try:
                result = future.result()
            except LLMError as error:
                failures.append(error)
                continue
            written[futures[future]] = result
            on_written(futures[future], result)
    return written, failures
