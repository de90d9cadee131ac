"""Weekly summaries: a short "what I did this week" per user and ISO week, kept with a
fingerprint of the entries it was made from, so that a period summary can reuse it."""

import concurrent.futures
import datetime
import hashlib
import logging
import re
import uuid

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from journal.models import Entry
from journal.services import get_profile

from .llm import LLMConfig, LLMError, generate_week
from .llm.schemas import EntryData, GoalData, SummaryRequest
from .models import Goal, GoalStatus, SummaryStatus, WeekSummary

logger = logging.getLogger(__name__)

WEEK_END = datetime.timedelta(days=6)
ISO_WEEK = re.compile(r"(\d{4})-?W(\d{1,2})")


def monday_of(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def parse_iso_week(text: str) -> datetime.date:
    """The Monday of an ISO week written as 2025-W36; ValueError with a clear message."""
    match = ISO_WEEK.fullmatch(text.strip().upper())
    try:
        if not match:
            raise ValueError
        return datetime.date.fromisocalendar(int(match[1]), int(match[2]), 1)
    except ValueError:
        raise ValueError(
            _("%(week)s is not an ISO week; write it as 2025-W36.") % {"week": text}
        ) from None


def iso_week(monday: datetime.date) -> str:
    year, week, _ = monday.isocalendar()
    return f"{year}-W{week:02d}"


def fingerprint(rows) -> str:
    """Of what a week's summary is made from: (id, day, type, text) of each entry."""
    digest = hashlib.sha256()
    for pk, day, kind, text in sorted(rows, key=lambda row: str(row[0])):
        digest.update(f"{pk}|{day}|{kind}|{text}\0".encode())
    return digest.hexdigest()


def entries_fingerprint(entries) -> str:
    return fingerprint((entry.pk, entry.date, entry.type, entry.text) for entry in entries)


def week_entries(user, monday: datetime.date) -> list:
    return list(
        Entry.objects.for_user(user)
        .between(monday, monday + datetime.timedelta(days=6))
        .prefetch_related("goals")
        .order_by("date", "created_at")
    )


def week_request(user, monday, entries, *, language, role) -> tuple[SummaryRequest, dict]:
    """The LLM request for a week, and the map from its E-references to entry ids."""
    goals = list(Goal.objects.filter(user=user).exclude(status=GoalStatus.DROPPED))
    goal_refs = {goal.pk: f"G{n}" for n, goal in enumerate(goals, start=1)}
    entry_refs = {f"E{n}": entry.pk for n, entry in enumerate(entries, start=1)}
    request = SummaryRequest(
        period_start=monday,
        period_end=monday + datetime.timedelta(days=6),
        role=role,
        language=language,
        guidance=get_profile(user).guidance,
        goals=[
            GoalData(ref=goal_refs[g.pk], title=g.title, tag=g.slug, description=g.description)
            for g in goals
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
    return request, entry_refs


def week_defaults(user) -> dict:
    profile = get_profile(user)
    return {"language": profile.language or settings.LANGUAGE_CODE, "role": profile.role}


def request_week(user, monday: datetime.date) -> WeekSummary:
    """The user's summary of that week, pending (queued for the worker) unless it is being
    written already."""
    summary, created = WeekSummary.objects.get_or_create(
        user=user, week_start=monday, defaults=week_defaults(user)
    )
    requeued = WeekSummary.objects.filter(
        pk=summary.pk, status__in=[SummaryStatus.DONE, SummaryStatus.FAILED]
    ).update(status=SummaryStatus.PENDING, error="", **week_defaults(user))
    if created or requeued:
        from .tasks import write_week_task

        transaction.on_commit(lambda: write_week_task.enqueue(str(summary.pk)))
    summary.refresh_from_db()
    return summary


def prepare_week(summary: WeekSummary):
    """What writing `summary` needs, read from the database: (request, entry_refs,
    fingerprint of the week's entries)."""
    entries = week_entries(summary.user, summary.week_start)
    request, entry_refs = week_request(
        summary.user, summary.week_start, entries, language=summary.language, role=summary.role
    )
    return request, entry_refs, entries_fingerprint(entries)


def save_week(summary: WeekSummary, result, entry_refs, made_from: str, started_at=None):
    """Store a written week as a whole (its points, fingerprint and cost)."""
    bullets = [
        {
            "id": uuid.uuid4().hex,
            "text": bullet.text,
            "entry_ids": [str(entry_refs[ref]) for ref in bullet.entry_refs],
            "unsupported": bullet.unsupported,
        }
        for bullet in result.bullets
    ]
    WeekSummary.objects.filter(pk=summary.pk).update(
        status=SummaryStatus.DONE,
        bullets=bullets,
        fingerprint=made_from,
        stale=False,
        error="",
        is_ai=result.is_ai,
        provider=result.provider,
        model=result.model,
        prompt_version=result.prompt_version,
        input_tokens=result.input_tokens,
        output_tokens=result.output_tokens,
        ungrounded_count=result.ungrounded_count,
        started_at=started_at or timezone.now(),
        finished_at=timezone.now(),
    )


def write_week(summary: WeekSummary, config: LLMConfig | None = None) -> WeekSummary:
    """Write one week now. A failure is recorded and keeps the points written before."""
    from .services import llm_config

    started_at = timezone.now()
    claimed = WeekSummary.objects.filter(
        pk=summary.pk, status__in=[SummaryStatus.PENDING, SummaryStatus.FAILED]
    ).update(status=SummaryStatus.RUNNING, started_at=started_at)
    if not claimed:
        return WeekSummary.objects.filter(pk=summary.pk).first() or summary
    summary.refresh_from_db()
    try:
        request, entry_refs, made_from = prepare_week(summary)
        with translation.override(summary.language):
            result = generate_week(request, config or llm_config())
        save_week(summary, result, entry_refs, made_from, started_at)
    except LLMError as error:
        WeekSummary.objects.filter(pk=summary.pk).update(
            status=SummaryStatus.FAILED, error=str(error), finished_at=timezone.now()
        )
    except Exception:
        logger.exception("week summary %s failed unexpectedly", summary.pk)
        with translation.override(summary.language):
            reason = _("Something went wrong while writing the summary; nothing was saved.")
        WeekSummary.objects.filter(pk=summary.pk).update(
            status=SummaryStatus.FAILED, error=reason, finished_at=timezone.now()
        )
        raise
    return WeekSummary.objects.get(pk=summary.pk)


def mark_stale(user_id, *days):
    """An entry of these days changed: their weeks' summaries no longer match it."""
    mondays = {monday_of(day) for day in days if isinstance(day, datetime.date)}
    if mondays:
        WeekSummary.objects.filter(user_id=user_id, week_start__in=mondays, stale=False).update(
            stale=True
        )


def by_weeks(summary, request: SummaryRequest, entry_refs: dict, config: LLMConfig):
    """`request` rewritten for a journal too long for one prompt.

    Each full ISO week of the period stands in it as its weekly summary's points
    (S-references): stored summaries whose entries have not changed are reused, the rest
    are written, `config.concurrency` at once, and stored. Weeks cut by the period's ends
    or with left-out entries stay as their entries; plans of summarised weeks are dropped
    (they are intent, not work). Returns (request, week_refs: S-reference → entry ids,
    stats). A week that fails fails the whole summary; weeks written before it are kept,
    each whole.
    """
    excluded_days = Entry.objects.filter(pk__in=summary.excluded_entry_ids).values_list(
        "date", flat=True
    )
    cut = {monday_of(day) for day in excluded_days}
    weeks: dict[datetime.date, list] = {}
    raw = []
    for entry in request.entries:
        monday = monday_of(entry.date)
        inside = monday >= request.period_start and monday + WEEK_END <= request.period_end
        if inside and monday not in cut:
            weeks.setdefault(monday, []).append(entry)
        else:
            raw.append(entry)
    weeks = {m: es for m, es in weeks.items() if any(e.type == "fact" for e in es)}
    stored = {
        week.week_start: week
        for week in WeekSummary.objects.filter(user=summary.user, week_start__in=list(weeks))
    }
    defaults = week_defaults(summary.user)
    to_write = {}
    for monday, entries in weeks.items():
        made_from = fingerprint((entry_refs[e.ref], e.date, e.type, e.text) for e in entries)
        week = stored.get(monday)
        if not (week and week.status == SummaryStatus.DONE and week.fingerprint == made_from):
            week_refs = {f"E{n}": entry_refs[e.ref] for n, e in enumerate(entries, start=1)}
            week_request_ = request.model_copy(
                update={
                    "period_start": monday,
                    "period_end": monday + WEEK_END,
                    "entries": [
                        e.model_copy(update={"ref": ref})
                        for ref, e in zip(week_refs, entries, strict=True)
                    ],
                    "kept": [],
                    "focus": "",
                    **defaults,
                }
            )
            to_write[monday] = (week_request_, week_refs, made_from)

    written, failures = _write_weeks(to_write, config, defaults["language"])
    for monday, result in written.items():
        week = (
            stored.get(monday)
            or WeekSummary.objects.get_or_create(
                user=summary.user, week_start=monday, defaults=defaults
            )[0]
        )
        WeekSummary.objects.filter(pk=week.pk).update(**defaults)
        _, week_refs, made_from = to_write[monday]
        save_week(week, result, week_refs, made_from)
        stored[monday] = WeekSummary.objects.get(pk=week.pk)
    if failures:
        raise failures[0]

    texts = {entry_refs[e.ref]: e.text for e in request.entries}
    points, week_refs = [], {}
    for monday in weeks:
        for bullet in stored[monday].bullets:
            ref = f"S{len(week_refs) + 1}"
            week_refs[ref] = bullet["entry_ids"]
            cited = " ".join(texts.get(uuid.UUID(pk), "") for pk in bullet["entry_ids"])
            points.append(
                EntryData(ref=ref, date=monday, type="fact", text=bullet["text"], evidence=cited)
            )
    stats = {
        "weeks_used": len(weeks),
        "weeks_reused": len(weeks) - len(to_write),
        "llm_calls": len(to_write) + 1,
        "input_tokens": sum(result.input_tokens for result in written.values()),
        "output_tokens": sum(result.output_tokens for result in written.values()),
    }
    entries = sorted(raw + points, key=lambda entry: entry.date)
    return request.model_copy(update={"entries": entries}), week_refs, stats


def _write_weeks(to_write: dict, config: LLMConfig, language: str):
    """Write the weeks' requests at most `config.concurrency` at once. The calls touch no
    database, so threads are safe on SQLite too. Returns ({monday: result}, [LLMError])."""

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
                written[futures[future]] = future.result()
            except LLMError as error:
                failures.append(error)
    return dict(sorted(written.items())), failures
