"""Importing from other tools: jrnl's JSON and a folder of Obsidian daily notes come in
once, as facts, and as plans under a plan heading; a dry run only counts; a note saying the
same twice keeps both; imported entries are searchable and make their week's summary
stale."""

import datetime
import json

import pytest

from conftest import make_goal
from journal.models import Entry

from .journal_io import SAMPLES, import_file

pytestmark = pytest.mark.django_db


def test_the_jrnl_sample_made_by_real_jrnl_imports_as_facts_once(user, tmp_path):
    sample = SAMPLES / "jrnl_export.json"
    records = json.loads(sample.read_text())["entries"]
    search = make_goal(user=user, title="Fast search", slug="search")

    report = import_file(user, sample)
    again = import_file(user, sample)

    entries = Entry.objects.filter(user=user)
    assert entries.count() == len(records) >= 5
    assert set(entries.values_list("type", flat=True)) == {"fact"}
    assert f"Imported from jrnl: entries: {len(records)}." in report
    assert "nothing." in again and entries.count() == len(records)
    assert entries.filter(
        date="2026-03-02", text="Shipped the search index #search. p95 went from 30 ms to 9 ms."
    ).exists()
    assert entries.filter(date="2026-03-02", text__startswith="Провёл ревью дизайна").exists()
    assert entries.get(date="2026-03-04", text__startswith="Retro").text == (
        "Retro notes for sprint 12.\nWhat went well: faster CI #ci, fewer flaky tests.\n"
        "What to improve: on-call handover."
    )
    assert entries.filter(date="2026-03-05").count() == 2
    # #search in an entry links it to the goal, as when typed on Today.
    assert search.entries.filter(text__contains="#search").exists()


def test_obsidian_daily_notes_import_plans_under_a_plan_heading_and_facts_otherwise(user):
    folder = SAMPLES / "obsidian"

    report = import_file(user, folder)
    again = import_file(user, folder)

    rows = list(
        Entry.objects.filter(user=user)
        .order_by("date", "created_at")
        .values_list("date", "type", "text")
    )
    day = datetime.date
    assert rows == [
        (day(2026, 3, 2), "plan", "Review the payments gateway design with #payments"),
        (day(2026, 3, 2), "plan", "Prepare the Q1 roadmap draft"),
        (
            day(2026, 3, 2),
            "fact",
            "Shipped the trigram search index #search: p95 went from 30 ms "
            "to 9 ms\nRolled out behind a flag, then to everyone by 16:00.",
        ),
        (day(2026, 3, 2), "fact", "Paired with Dana on the flaky CI job"),
        (day(2026, 3, 2), "fact", "Unblocked the release after a 2-hour incident call."),
        (day(2026, 3, 3), "plan", "Провести ревью дизайна платёжного шлюза"),
        (day(2026, 3, 3), "plan", "Написать RFC по миграции биллинга на PostgreSQL 17"),
        (day(2026, 3, 3), "fact", "Провёл ревью дизайна платёжного шлюза с командой"),
        (day(2026, 3, 3), "fact", "Сократил время CI с 20 до 8 минут"),
        (day(2026, 3, 4), "fact", "Wrote the postmortem for the 2026-03-02 incident."),
        (day(2026, 3, 4), "plan", "Present the postmortem at the team sync"),
    ]
    assert "Imported from daily notes: entries: 11." in report
    assert "skipped: Projects.md" in report  # not a daily note; .obsidian/ is not read
    assert "nothing." in again and "entries: 11" in again


def test_a_dry_run_counts_but_writes_nothing(user):
    report = import_file(user, SAMPLES / "obsidian", dry_run=True)

    assert "entries: 11" in report and "nothing was written" in report
    assert Entry.objects.count() == 0


def test_a_daily_note_saying_the_same_twice_keeps_both_once(user, tmp_path):
    (tmp_path / "2026-03-02.md").write_text("- Code review\n- Code review\n")

    import_file(user, tmp_path)
    import_file(user, tmp_path)

    assert Entry.objects.filter(user=user, text="Code review").count() == 2


def test_imported_entries_are_searchable_and_make_their_weeks_summary_stale(user):
    from journal.search import normalize_for_search
    from perf.models import WeekSummary

    week = WeekSummary.objects.create(
        user=user, week_start=datetime.date(2026, 3, 2), role="engineer", language="en",
        status="done",
    )  # fmt: skip

    import_file(user, SAMPLES / "jrnl_export.json")

    entry = Entry.objects.get(user=user, date="2026-03-02", text__startswith="Shipped the search")
    assert entry.search_text == normalize_for_search(entry.text)
    week.refresh_from_db()
    assert week.stale
