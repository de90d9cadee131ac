"""Restoring a backup into one's own account: an export imported into an empty database
gives a working journal and the same export back, the same export imported twice adds
nothing, and two entries saying the same on one day both survive the round trip; written in
batches, a restore keeps the file's times and does what saving each entry would, all or
nothing."""

import datetime

import pytest
from django.utils import timezone

from conftest import make_entry, make_goal, make_user
from journal.models import Entry
from perf.models import Goal, PerfSummary, WeekSummary
from perf.portability.importing import read_source, write_source

from .journal_io import counts, export, import_file, without_export_time, without_point_ids

pytestmark = pytest.mark.django_db


def test_export_then_import_into_an_empty_database_then_export_gives_the_same_data(
    user_with_full_journal, tmp_path
):
    first = export(user_with_full_journal)
    before = counts(user_with_full_journal)
    backup = tmp_path / "backup.json"
    backup.write_text(first)
    # With the user goes every entry, goal and summary: the database is empty again.
    user_with_full_journal.delete()
    assert Entry.objects.count() == Goal.objects.count() == PerfSummary.objects.count() == 0

    restored = make_user("alice")
    report = import_file(restored, backup)

    assert "entries: 4, goals: 2, perf summaries: 1, weekly summaries: 1." in report
    assert counts(restored) == before
    assert without_point_ids(without_export_time(export(restored))) == without_point_ids(
        without_export_time(first)
    )
    # The restored journal works: search finds the entry, the summary page shows it.
    assert Entry.objects.filter(user=restored).search("ШЛЮЗА").count() == 1


def test_importing_the_same_export_twice_adds_nothing(user_with_full_journal, tmp_path):
    backup = tmp_path / "backup.json"
    backup.write_text(export(user_with_full_journal))
    before = counts(user_with_full_journal)

    report = import_file(user_with_full_journal, backup)

    assert counts(user_with_full_journal) == before
    assert "Imported from a Perf Assist export: nothing." in report
    assert (
        "Already there, left as they were: "
        "entries: 4, goals: 2, perf summaries: 1, weekly summaries: 1." in report
    )


def test_two_entries_saying_the_same_on_one_day_both_survive_a_round_trip(user, tmp_path):
    goal = make_goal(user=user, title="Reviews", slug="reviews")
    first = make_entry(user, text="Code review", date=datetime.date(2026, 3, 2))
    make_entry(user, text="Code review", date=datetime.date(2026, 3, 2))
    first.goals.add(goal)
    backup = tmp_path / "backup.json"
    backup.write_text(export(user))
    user.delete()
    restored = make_user("alice")

    import_file(restored, backup)
    import_file(restored, backup)

    assert Entry.objects.filter(user=restored, text="Code review").count() == 2
    assert without_export_time(export(restored)) == without_export_time(backup.read_text())


def test_a_restore_in_batches_keeps_the_files_times_and_does_what_saving_would(
    user, tmp_path, monkeypatch
):
    monkeypatch.setattr("perf.bulk.BATCH", 2)  # five entries: three batches
    goal = make_goal(user=user, title="Fast search", slug="search")
    entries = [
        make_entry(user, text=f"Tuned the ШЛЮЗ step {n}", date=datetime.date(2026, 3, 2 + n))
        for n in range(5)
    ]
    entries[0].goals.add(goal)
    long_ago = timezone.now() - datetime.timedelta(days=400)
    Entry.objects.filter(user=user).update(
        created_at=long_ago, updated_at=long_ago + datetime.timedelta(hours=1)
    )
    backup = tmp_path / "backup.json"
    backup.write_text(export(user))
    user.delete()
    restored = make_user("alice")
    # A week of the restored account the file brings no summary for: it now holds more.
    week = WeekSummary.objects.create(
        user=restored, week_start=datetime.date(2026, 3, 2), role="engineer", language="en",
        status="done",
    )  # fmt: skip

    import_file(restored, backup)

    kept = Entry.objects.filter(user=restored)
    assert {(e.created_at, e.updated_at) for e in kept} == {
        (long_ago, long_ago + datetime.timedelta(hours=1))
    }
    assert kept.search("шлюз").count() == 5  # search_text filled in, as save() would
    assert list(Goal.objects.get(user=restored).entries.all()) == [entries[0]]
    week.refresh_from_db()
    assert week.stale


def test_a_restore_refused_at_its_end_leaves_nothing_of_its_batches(
    user_with_full_journal, tmp_path, monkeypatch
):
    monkeypatch.setattr("perf.bulk.BATCH", 1)
    backup = tmp_path / "backup.json"
    backup.write_text(export(user_with_full_journal))
    user_with_full_journal.delete()
    restored = make_user("alice")
    source = read_source(backup)

    write_source(restored, source, then=lambda report: False)  # the upload's run, failed

    assert counts(restored) == dict.fromkeys(counts(restored), 0)
