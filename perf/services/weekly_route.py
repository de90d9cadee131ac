"""The weekly route: a period too long for one prompt, sent as the points of its weeks'
summaries. Whole weeks are WeekSummary rows, the Feed's too; weeks cut by the period's
ends or by left-out entries are PartialWeekSummary rows, kept per span for the next run."""

import concurrent.futures
import datetime

from django.utils import translation

from journal.models import Entry, monday_of

from ..llm import LLMConfig, LLMError, generate_week
from ..llm.budget import prompt_tokens
from ..llm.schemas import EntryData, Evidence, SummaryRequest
from ..models import PartialWeekSummary, SummaryStatus, WeekSummary
from .weeks import WEEK_END, fingerprint, save_week, week_defaults, written_fields


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
    too): then they are summarised too, and kept per span (PartialWeekSummary)."""
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
    its entries, or with `summarise_cut` is summarised from them: reused and stored alike,
    by its span, as a PartialWeekSummary (never on the Feed, which shows whole weeks). So
    after one edit a run writes one week, and with no change none. Weeks are
    written `config.concurrency` at once, each saved as it comes (`progress()` is called
    then). Plans of summarised weeks are dropped, from the weeks' prompts and from the
    period's: they are intent, not work (a week's fingerprint still counts them). A week
    that fails fails the whole summary; weeks already written are kept, each whole.
    Returns (request, week_refs, stats).
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
    spans = {
        m: (max(m, request.period_start), min(m + WEEK_END, request.period_end)) for m in weeks
    }
    stored = {
        week.week_start: week
        for week in WeekSummary.objects.filter(user=summary.user, week_start__in=list(whole))
    }
    cut_weeks = [m for m in weeks if m not in whole]
    parts = {}
    if summarise_cut and cut_weeks:
        parts = {
            (part.start, part.end): part
            for part in PartialWeekSummary.objects.filter(
                user=summary.user, week_start__in=cut_weeks
            )
        }
    defaults = week_defaults(summary.user, summary.language)
    bullets_of, to_write, raw = {}, {}, []
    for monday, entries in weeks.items():
        if monday not in whole and not summarise_cut:
            raw += entries
            continue
        made_from = fingerprint((entry_refs[e.ref], e.date, e.type, e.text) for e in entries)
        week = stored.get(monday) if monday in whole else parts.get(spans[monday])
        fresh = (
            week is not None
            and (monday not in whole or week.status == SummaryStatus.DONE)  # a part is written
            and week.fingerprint == made_from
            and (week.language, week.role) == (defaults["language"], defaults["role"])
        )
        if fresh:
            bullets_of[monday] = week.bullets
            continue
        # A week is written from its facts: its points may cite nothing else, and the
        # period's prompt drops its plans. They were 15% of a year's weekly prompts
        # (bench/long_period.py), which now stay within 1.3 x the direct prompt.
        facts = [e for e in entries if e.type == "fact"]
        week_refs = {f"E{n}": entry_refs[e.ref] for n, e in enumerate(facts, start=1)}
        week_request_ = request.model_copy(
            update={
                "period_start": spans[monday][0],
                "period_end": spans[monday][1],
                "entries": [
                    e.model_copy(update={"ref": ref})
                    for ref, e in zip(week_refs, facts, strict=True)
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
        fields = written_fields(result, week_refs, made_from)
        if monday not in whole:  # stored for the next summary of the same span
            save_partial(summary.user, monday, spans[monday], {**fields, **defaults})
        bullets_of[monday] = fields["bullets"]
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


def save_partial(user, monday, span, fields: dict):
    """Keep a cut week's points for the next summary over the same span, in place of those
    written for it before. A week keeps its latest KEPT_PER_WEEK spans: periods that
    end or start elsewhere in it leave no rows behind for ever."""
    start, end = span
    PartialWeekSummary.objects.update_or_create(
        user=user, start=start, end=end, defaults={"week_start": monday, **fields}
    )
    spans = PartialWeekSummary.objects.filter(user=user, week_start=monday)
    older = spans.order_by("-updated_at", "-pk").values_list("pk", flat=True)
    PartialWeekSummary.objects.filter(
        pk__in=list(older[PartialWeekSummary.KEPT_PER_WEEK :])
    ).delete()


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
