"""A faulty file is refused whole, naming the line or record at fault, and nothing is
written: broken JSON, every kind of fault in our JSON, faulty daily notes and jrnl records,
files of another kind, missing or not journals at all; the commands name an unknown user."""

import json
import shutil

import pytest
from django.core.management import CommandError, call_command

from conftest import make_user
from journal.models import Entry

from .journal_io import SAMPLES, counts, export, import_file

pytestmark = pytest.mark.django_db


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


def test_commands_name_an_unknown_user(tmp_path):
    with pytest.raises(CommandError, match="There is no user 'nobody'"):
        call_command("export_journal", user="nobody")
    with pytest.raises(CommandError, match="There is no user 'nobody'"):
        call_command("import_journal", str(tmp_path), user="nobody")
