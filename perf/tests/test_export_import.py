"""A whole journal out (export_journal, the settings page) and in (import_journal): our
JSON round-trips, jrnl's JSON and Obsidian daily notes import, twice adds nothing, and a
faulty file is refused whole with the line or record at fault."""

import datetime
import io
import json
import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from conftest import make_entry, make_goal, make_user
from journal.models import Entry, EntryType
from perf.llm import LLMConfig
from perf.models import (
    Citation,
    Goal,
    GoalReview,
    PerfSummary,
    ReviewPoint,
    SummaryStatus,
    WeekSummary,
)
from perf.portability.export import PROFILE_FIELDS, record_fields
from perf.portability.records import (
    EntryRecord,
    GoalRecord,
    Owner,
    ReviewRecord,
    SummaryRecord,
    WeekRecord,
)
from perf.services.pieces import find_piece
from perf.services.summaries import create_summary, run_summary
from perf.services.weeks import write_week
from perf.tasks import request_week

pytestmark = pytest.mark.django_db
SAMPLES = Path(__file__).parent / "samples"
OFFLINE = LLMConfig(provider="offline")


def export(user, fmt="json") -> str:
    out = io.StringIO()
    call_command("export_journal", user=user.username, format=fmt, stdout=out)
    return out.getvalue()


def import_file(user, path, **options) -> str:
    out = io.StringIO()
    call_command("import_journal", str(path), user=user.username, stdout=out, **options)
    return out.getvalue()


def without_export_time(text: str) -> dict:
    data = json.loads(text)
    data.pop("exported_at")
    return data


def without_point_ids(data: dict) -> dict:
    """An export with its points' ids left out: an import gives every point a new one."""
    for summary in data["summaries"]:
        for review in summary["goal_reviews"]:
            for point in review["outputs"] + review["outcomes"]:
                point.pop("id")
    return data


def counts(user) -> dict:
    return {
        "entries": Entry.objects.filter(user=user).count(),
        "goals": Goal.objects.filter(user=user).count(),
        "links": Goal.entries.through.objects.filter(entry__user=user).count(),
        "summaries": PerfSummary.objects.filter(user=user).count(),
        "reviews": GoalReview.objects.filter(summary__user=user).count(),
        "points": ReviewPoint.objects.filter(review__summary__user=user).count(),
        "citations": Citation.objects.filter(entry__user=user).count(),
        "weeks": WeekSummary.objects.filter(user=user).count(),
    }


@pytest.fixture
def user_with_full_journal(user):
    """A user whose journal holds everything an export carries: goals and links, a plan and
    the fact that fulfils it, Russian and multi-line text, a written summary and a weekly
    summary."""
    user.profile.role, user.profile.language, user.profile.time_zone = (
        "manager",
        "ru",
        "Europe/Moscow",
    )
    user.profile.guidance = "Keep it short."
    user.profile.save()
    search = make_goal(user=user, title="Fast search", slug="search", description="p95")
    make_goal(user=user, title="Hiring", slug="hiring", status="done")
    plan = make_entry(
        user,
        type=EntryType.PLAN,
        text="Move search to trigrams #search",
        date=datetime.date(2026, 3, 2),
    )
    make_entry(
        user,
        text="Shipped trigram search #search: p95 from 30 ms to 9 ms\nBehind a flag first.",
        date=datetime.date(2026, 3, 3),
        fulfils_plan=plan,
    )
    linked = make_entry(
        user, text="Провёл ревью дизайна платёжного шлюза", date=datetime.date(2026, 3, 3)
    )
    linked.goals.add(search)
    make_entry(
        user, text="Interviewed two backend candidates #hiring", date=datetime.date(2026, 3, 10)
    )
    summary = create_summary(user, start=datetime.date(2026, 3, 1), end=datetime.date(2026, 3, 31))
    run_summary(summary, OFFLINE)
    write_week(request_week(user, datetime.date(2026, 3, 2)), OFFLINE)
    assert PerfSummary.objects.get().status == SummaryStatus.DONE
    assert WeekSummary.objects.get().status == SummaryStatus.DONE
    return user


def test_the_json_export_carries_every_stored_field_of_every_record(user_with_full_journal):
    data = json.loads(export(user_with_full_journal))

    assert data["format"] == "perf-assist-journal" and data["version"] == 2
    assert data["user"] == {
        "username": "alice",
        "role": "manager",
        "language": "ru",
        "time_zone": "Europe/Moscow",
        "guidance": "Keep it short.",
    }
    for key, model in [
        ("goals", Goal),
        ("entries", Entry),
        ("summaries", PerfSummary),
        ("week_summaries", WeekSummary),
    ]:
        expected = {field.name for field in record_fields(model)}
        assert expected >= {"id"}
        for record in data[key]:
            assert expected <= set(record), f"{key} lacks {expected - set(record)}"
    review = data["summaries"][0]["goal_reviews"][0]
    assert {field.name for field in record_fields(GoalReview)} <= set(review)
    assert "user" not in data["entries"][0] and "search_text" not in data["entries"][0]
    fact = next(e for e in data["entries"] if e["text"].startswith("Shipped"))
    assert fact["fulfils_plan"] == next(e["id"] for e in data["entries"] if e["type"] == "plan")
    assert len(data["entries"]) == 4 and len(data["goals"]) == 2
    # Timestamps to the microsecond, as stored.
    stored = Entry.objects.get(pk=fact["id"]).created_at
    assert datetime.datetime.fromisoformat(fact["created_at"]) == stored


def test_the_import_format_reads_every_field_the_export_writes():
    # A field added to a model is exported by itself (record_fields); its record must
    # read it too, or a restore would refuse the app's own backups.
    for record, model, nested in [
        (GoalRecord, Goal, set()),
        (EntryRecord, Entry, {"goals"}),
        (SummaryRecord, PerfSummary, {"goal_reviews"}),
        (ReviewRecord, GoalReview, {"outputs", "outcomes", "context_entry_ids"}),
        (WeekRecord, WeekSummary, set()),
    ]:
        read = {field.alias or name for name, field in record.model_fields.items()}
        assert read == {field.name for field in record_fields(model)} | nested, record
    assert list(Owner.model_fields) == PROFILE_FIELDS


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


def test_importing_into_a_second_account_gives_it_its_own_records_with_citations_intact(
    user_with_full_journal, tmp_path
):
    backup = tmp_path / "backup.json"
    backup.write_text(export(user_with_full_journal))
    bob = make_user("bob")

    import_file(bob, backup)
    again = import_file(bob, backup)

    assert counts(bob) == counts(user_with_full_journal)
    assert "nothing." in again
    assert not set(Entry.objects.filter(user=bob).values_list("pk", flat=True)) & set(
        Entry.objects.filter(user=user_with_full_journal).values_list("pk", flat=True)
    )
    bobs_entries = {str(pk) for pk in Entry.objects.filter(user=bob).values_list("pk", flat=True)}
    summary = PerfSummary.objects.get(user=bob)
    cited = {
        pk
        for review in summary.goal_reviews.all()
        for point in review.points.all()
        for pk in point.cited_entry_ids()
    }
    assert cited and cited <= bobs_entries
    assert set(summary.sent_entry_ids) <= bobs_entries
    assert all(r.goal is None or r.goal.user == bob for r in summary.goal_reviews.all())
    fact = Entry.objects.get(user=bob, text__startswith="Shipped")
    assert fact.fulfils_plan.user == bob
    assert set(
        Entry.objects.get(user=bob, text__startswith="Провёл").goals.values_list("user", flat=True)
    ) == {bob.pk}
    # Alice's own journal is untouched.
    assert Entry.objects.filter(user=user_with_full_journal).count() == 4


def points_of(user) -> list:
    """Each point of the user's summaries as the page knows it, its entries by their text."""
    rows = ReviewPoint.objects.filter(review__summary__user=user).order_by(
        "review__position", "section", "position"
    )
    return [
        (p.review.position, p.section, p.position, p.text, p.locked, p.removed, p.unsupported)
        + (p.cited_count, p.cited_deleted, [entry.text for entry in p.cited_entries()])
        for p in rows
    ]


def test_points_keep_their_locks_removals_and_citations_through_export_and_import(
    user_with_full_journal, tmp_path
):
    summary = PerfSummary.objects.get(user=user_with_full_journal)
    edited, removed, *_ = ReviewPoint.objects.filter(review__summary=summary)
    find_piece(summary, edited.key, edited.review_id).edit("Shipped trigram search, my words")
    find_piece(summary, removed.key, removed.review_id).set_removed(True)
    review = edited.review
    review.context_entries.set(
        Entry.objects.filter(user=user_with_full_journal, type=EntryType.FACT)[:2]
    )
    Entry.objects.get(
        user=user_with_full_journal, text__startswith="Interviewed"
    ).delete()  # cited, now gone
    contexts = [sorted(e.text for e in r.context_entries.all()) for r in summary.goal_reviews.all()]
    edited.refresh_from_db()
    removed.refresh_from_db()
    assert (edited.locked, removed.removed) == (True, True)
    assert any(p.cited_deleted for p in ReviewPoint.objects.filter(review__summary=summary))
    before = points_of(user_with_full_journal)
    backup = tmp_path / "backup.json"
    backup.write_text(export(user_with_full_journal))
    bob = make_user("bob")

    import_file(bob, backup)

    assert points_of(bob) == before
    bobs = PerfSummary.objects.get(user=bob)
    assert [
        sorted(e.text for e in r.context_entries.all()) for r in bobs.goal_reviews.all()
    ] == contexts
    assert all(e.user == bob for r in bobs.goal_reviews.all() for e in r.context_entries.all())
    ids = set(ReviewPoint.objects.filter(review__summary=bobs).values_list("pk", flat=True))
    assert not ids & set(
        ReviewPoint.objects.filter(review__summary=summary).values_list("pk", flat=True)
    )


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


def refused(user, path) -> str:
    with pytest.raises(CommandError) as error:
        import_file(user, path)
    assert str(error.value).startswith("Nothing was imported.")
    assert counts(user) == dict.fromkeys(counts(user), 0)
    return str(error.value)


def test_broken_json_is_refused_with_its_line_and_column(user, tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "perf-assist-journal",\n "version": 1,\n "entries": [}\n')

    assert "broken.json, line 3, column 14: not valid JSON" in refused(user, broken)

    cut = tmp_path / "cut.json"
    cut.write_text('{"format": "perf-assist-journal", "version": 1, "entries": [{"text": "Ship')
    assert "string starting at line 1, column 70)." in refused(user, cut)


def test_a_bad_record_is_refused_by_its_place_and_id_and_nothing_before_it_is_written(
    user_with_full_journal, tmp_path
):
    data = json.loads(export(user_with_full_journal))
    user_with_full_journal.delete()
    user = make_user("carol")
    bad = data["entries"][2]
    bad["date"] = "2026-02-30"
    path = tmp_path / "backup.json"
    path.write_text(json.dumps(data))

    message = refused(user, path)

    assert f"entries[2] (id {bad['id']}): date:" in message
    assert "invalid date" in message


@pytest.mark.parametrize(
    "spoil, expected",
    [
        (lambda d: d["entries"][0].update(type="idea"), "entries[0]"),
        (lambda d: d["entries"][0].update(text=""), "text: This field cannot be blank."),
        (
            lambda d: d["entries"][1].update(goals=["00000000-0000-0000-0000-000000000001"]),
            "is not a goal of the file",
        ),
        (lambda d: d["entries"][0].update(mood="great"), "unknown fields mood"),
        (
            lambda d: d["summaries"][0]["goal_reviews"][0].update(outputs=[{"txt": "x"}]),
            "goal_reviews[0]: outputs[0]: a point must be an object with its id and text",
        ),
        (lambda d: d["goals"][1].update(slug=d["goals"][0]["slug"]), "two goals have the tag"),
        (lambda d: d.update(version=3), "the file is version 3"),
        (lambda d: d["entries"][0].update(date=20260301), "date: 20260301 is not a date"),
        (lambda d: d["summaries"][0].update(input_tokens=float("inf")), "not a journal file"),
        (lambda d: d["entries"][0].update(text="x" * 10_001), "at most 10000 characters"),
        (lambda d: d["entries"][0].update(text="zero\x00byte"), "holds a NUL character"),
        (lambda d: d["summaries"][0].update(period_end="2026-02-01"), "summaries[0]"),
        (lambda d: d["summaries"][0].update(sent_entry_ids=["nope"]), "sent_entry_ids"),
        (lambda d: d["summaries"].append(dict(d["summaries"][0])), "appears more than once"),
        (lambda d: d["week_summaries"][0]["bullets"][0].pop("id"), "with its id and text"),
        (
            lambda d: d["week_summaries"][0]["bullets"][0].update(entry_ids=["nope"]),
            "bullets[0]: entry_ids",
        ),
        (lambda d: d["user"].update(guidance="g" * 2001), "user: guidance: at most 2000"),
        (lambda d: d["user"].update(role="ceo"), "user: role:"),
    ],
)
def test_every_kind_of_fault_in_our_json_is_named_and_nothing_written(
    user_with_full_journal, tmp_path, spoil, expected
):
    data = json.loads(export(user_with_full_journal))
    user_with_full_journal.delete()
    user = make_user("carol")
    spoil(data)
    path = tmp_path / "backup.json"
    path.write_text(json.dumps(data))

    assert expected in refused(user, path)


def test_faulty_daily_notes_are_refused_naming_the_file_and_line(user, tmp_path):
    folder = tmp_path / "vault"
    shutil.copytree(SAMPLES / "obsidian", folder)
    (folder / "Daily" / "2026-03-05.md").write_text("## Done\n- fine\n- " + "x" * 10_001 + "\n")

    assert "Daily/2026-03-05.md, line 3: an entry can be at most 10000 characters" in refused(
        user, folder
    )

    (folder / "Daily" / "2026-03-05.md").unlink()
    (folder / "Daily" / "2026-02-30.md").write_text("- a day that never was\n")
    assert "Daily/2026-02-30.md: 2026-02-30 is not a real day." in refused(user, folder)


def test_a_jrnl_record_without_a_date_is_refused_by_its_place(user, tmp_path):
    data = json.loads((SAMPLES / "jrnl_export.json").read_text())
    data["entries"][1]["date"] = "yesterday"
    path = tmp_path / "jrnl.json"
    path.write_text(json.dumps(data))

    assert "entries[1]: date “yesterday” is not a calendar day as YYYY-MM-DD." in refused(
        user, path
    )


def test_a_file_of_another_kind_is_refused(user, tmp_path):
    path = tmp_path / "notes.json"
    path.write_text('{"notes": []}')

    assert "neither a Perf Assist export" in refused(user, path)
    assert "no such file or folder" in refused(user, tmp_path / "missing.json")


def test_commands_name_an_unknown_user(tmp_path):
    with pytest.raises(CommandError, match="There is no user 'nobody'"):
        call_command("export_journal", user="nobody")
    with pytest.raises(CommandError, match="There is no user 'nobody'"):
        call_command("import_journal", str(tmp_path), user="nobody")


def test_the_markdown_export_reads_day_by_day_with_plans_before_facts(user_with_full_journal):
    make_entry(
        user_with_full_journal,
        text="<script>alert(1)</script> fixed the XSS",
        date=datetime.date(2026, 3, 10),
    )

    markdown = export(user_with_full_journal, "markdown")

    assert markdown.startswith("# Журнал: alice\n\nВыгружено из Perf Assist ")
    assert "## Цели\n\n- **Fast search** (#search, Активна): p95\n" in markdown
    day = markdown.index("## 2026-03-03, Вторник")
    assert markdown.index("## 2026-03-02, Понедельник") < day < markdown.index("## 2026-03-10")
    assert (
        "### Факты\n\n- Shipped trigram search #search: p95 from 30 ms to 9 ms\n"
        "  Behind a flag first.\n- Провёл ревью дизайна платёжного шлюза (#search)\n"
    ) in markdown
    assert "- Move search to trigrams #search ✓ выполнено" in markdown
    assert "&lt;script&gt;alert(1)&lt;/script&gt; fixed the XSS" in markdown
    assert "<script>" not in markdown


def test_the_settings_page_offers_both_downloads_of_ones_own_journal(
    user_with_full_journal, client_for
):
    other = make_user("bob")
    make_entry(other, text="Bob's private note")
    client = client_for(user_with_full_journal)

    page = client.get(reverse("journal:profile"))
    json_url = reverse("perf:journal-export", args=["json"])
    markdown_url = reverse("perf:journal-export", args=["md"])
    assert json_url in page.text and markdown_url in page.text

    download = client.get(json_url)
    assert download.status_code == 200
    assert download["Content-Type"] == "application/json"
    assert download["Content-Disposition"].startswith('attachment; filename="perf-assist-alice-')
    assert without_export_time(download.text) == without_export_time(export(user_with_full_journal))
    assert "Bob" not in download.text

    markdown = client.get(markdown_url)
    assert markdown["Content-Type"] == "text/markdown; charset=utf-8"
    assert markdown.text == export(user_with_full_journal, "markdown")


def test_the_downloads_need_a_login(client):
    response = client.get(reverse("perf:journal-export", args=["json"]))
    assert response.status_code == 302
    assert client.get("/perf/export/journal.exe").status_code in (302, 404)


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


def test_a_daily_note_saying_the_same_twice_keeps_both_once(user, tmp_path):
    (tmp_path / "2026-03-02.md").write_text("- Code review\n- Code review\n")

    import_file(user, tmp_path)
    import_file(user, tmp_path)

    assert Entry.objects.filter(user=user, text="Code review").count() == 2


def test_citations_of_entries_not_in_the_file_nor_yours_are_dropped(
    user_with_full_journal, tmp_path
):
    data = json.loads(export(user_with_full_journal))
    stranger = make_entry(make_user("mallory"), text="Mallory's secret")
    review = data["summaries"][0]["goal_reviews"][0]
    section = "output" if review["outputs"] else "outcome"
    bullet = review[f"{section}s"][0]
    bullet["entry_ids"].append(str(stranger.pk))
    data["summaries"][0]["sent_entry_ids"].append(str(stranger.pk))
    path = tmp_path / "backup.json"
    path.write_text(json.dumps(data))
    bob = make_user("bob")

    import_file(bob, path)

    summary = PerfSummary.objects.get(user=bob)
    cited = {
        str(pk)
        for pk in Citation.objects.filter(point__review__summary=summary).values_list(
            "entry", flat=True
        )
    }
    assert cited and str(stranger.pk) not in cited | set(summary.sent_entry_ids)
    # The point says it cited one entry that is not there, as if it were deleted.
    point = ReviewPoint.objects.get(
        review__summary=summary, review__position=review["position"], section=section, position=0
    )
    assert (len(point.cited_entry_ids()), point.cited_deleted) == (len(bullet["entry_ids"]) - 1, 1)


def test_files_that_are_not_journals_at_all_are_refused_not_crashed_on(user, tmp_path):
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    assert "not a journal file" in refused(user, deep)

    nan = tmp_path / "nan.json"
    nan.write_text('{"format": "perf-assist-journal", "version": NaN}')
    assert "not a journal file" in refused(user, nan)

    (tmp_path / "notes" / "2026-03-03.md").mkdir(parents=True)  # a folder, not a note
    (tmp_path / "notes" / "2026-03-04.md").write_text("- fine\n")
    import_file(user, tmp_path / "notes")
    assert Entry.objects.filter(user=user).count() == 1


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
