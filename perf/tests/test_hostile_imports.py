"""Hostile import files change nothing (issue 13): a vault's links and odd files, lone
surrogates, odd ids, unknown choices and dates outside 1970–2100 are refused naming the
file or record, by the command and its dry run alike, and nothing is written. A run the
file holds half-written comes in failed, with a reason, never "Writing" for ever."""

import datetime
import io
import json
import os
import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from conftest import make_entry, make_goal, make_user
from journal.models import Entry, EntryType, Profile
from perf.llm import LLMConfig
from perf.models import Goal, PerfSummary, ReviewPoint, SummaryStatus, WeekSummary
from perf.portability.importing import JournalFileError, import_journal
from perf.services.summaries import create_summary, run_summary
from perf.services.weeks import write_week
from perf.tasks import request_week

pytestmark = pytest.mark.django_db
SAMPLES = Path(__file__).parent / "samples"
OFFLINE = LLMConfig(provider="offline")


def import_file(user, path, **options) -> str:
    out = io.StringIO()
    call_command("import_journal", str(path), user=user.username, stdout=out, **options)
    return out.getvalue()


def nothing_of(user) -> bool:
    return not any(
        model.objects.filter(user=user).exists()
        for model in (Entry, Goal, PerfSummary, WeekSummary)
    )


def refused(user, path) -> str:
    """The command's refusal, the same from a dry run, and nothing written by either."""
    messages = []
    for dry_run in (True, False):
        with pytest.raises(CommandError) as error:
            import_file(user, path, dry_run=dry_run)
        messages.append(str(error.value))
        assert nothing_of(user)
    assert messages[0] == messages[1]
    assert messages[0].startswith("Nothing was imported.")
    return messages[0]


@pytest.fixture
def backup(tmp_path):
    """A Perf Assist export of a small journal with a goal, a written summary with points
    and a weekly summary, as a dict to spoil; its owner is gone, `carol` imports it."""
    owner = make_user("ann")
    make_goal(user=owner, title="Fast search", slug="search")
    for day in (2, 3, 4):
        make_entry(
            owner, text=f"Shipped search step {day} #search", date=datetime.date(2026, 3, day)
        )
    summary = create_summary(owner, start=datetime.date(2026, 3, 1), end=datetime.date(2026, 3, 31))
    run_summary(summary, OFFLINE)
    write_week(request_week(owner, datetime.date(2026, 3, 2)), OFFLINE)
    out = io.StringIO()
    call_command("export_journal", user="ann", stdout=out)
    owner.delete()
    data = json.loads(out.getvalue())
    assert data["summaries"][0]["goal_reviews"][0]["outputs"], "the spoils need a point"
    assert data["week_summaries"][0]["bullets"], "the spoils need a weekly point"
    return data


@pytest.fixture
def carol(db):
    return make_user("carol")


def write_json(tmp_path, data) -> Path:
    path = tmp_path / "backup.json"
    path.write_text(json.dumps(data))  # ensure_ascii: a lone surrogate travels as \ud800
    return path


# --- A folder of daily notes ---


@pytest.fixture
def vault(tmp_path):
    folder = tmp_path / "vault"
    shutil.copytree(SAMPLES / "obsidian", folder)
    return folder


@pytest.fixture
def secret(tmp_path):
    """A file outside the vault that the server can read, as /etc/passwd is."""
    path = tmp_path / "secret.txt"
    path.write_text("root:x:0:0:root:/root:/bin/bash\n")
    return path


def test_a_note_that_is_a_link_to_a_file_elsewhere_is_refused_by_name(carol, vault, secret):
    (vault / "Daily" / "2026-11-05.md").symlink_to(secret)

    message = refused(carol, vault)

    assert "Daily/2026-11-05.md is a link to somewhere else; links are not followed." in message
    assert not Entry.objects.filter(text__contains="root:").exists()


def test_a_link_to_a_file_inside_the_vault_is_refused_too(carol, vault):
    # Inside or not, a link is not read: what it points at may change under the import.
    (vault / "Daily" / "2026-11-06.md").symlink_to(vault / "Daily" / "2026-03-02.md")

    assert "Daily/2026-11-06.md is a link" in refused(carol, vault)


def test_a_sub_folder_that_is_a_link_is_refused_by_name(carol, vault, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "2026-11-05.md").write_text("- read from outside the vault\n")
    (vault / "Archive").symlink_to(elsewhere, target_is_directory=True)

    assert "Archive is a link to somewhere else" in refused(carol, vault)


def test_a_note_that_is_a_named_pipe_is_refused_not_waited_on(carol, vault):
    os.mkfifo(vault / "Daily" / "2026-11-05.md")

    assert "Daily/2026-11-05.md: not a plain file" in refused(carol, vault)


def test_a_journal_file_that_is_a_named_pipe_or_a_device_is_refused(carol, tmp_path):
    os.mkfifo(tmp_path / "backup.json")

    assert "backup.json: not a plain file" in refused(carol, tmp_path / "backup.json")
    assert "null: not a plain file" in refused(carol, Path("/dev/null"))


def test_links_in_folders_that_are_not_read_refuse_nothing(carol, vault, secret):
    (vault / ".obsidian").mkdir(exist_ok=True)
    (vault / ".obsidian" / "2026-11-05.md").symlink_to(secret)
    (vault / "Daily" / "picture.png").symlink_to(secret)

    import_file(carol, vault)

    assert Entry.objects.filter(user=carol).count() == 11
    assert not Entry.objects.filter(text__contains="root:").exists()


def test_a_note_named_on_the_command_line_may_be_a_link_the_user_chose(carol, tmp_path, vault):
    (tmp_path / "2026-03-02.md").symlink_to(vault / "Daily" / "2026-03-02.md")

    import_file(carol, tmp_path / "2026-03-02.md")

    assert Entry.objects.filter(user=carol, date=datetime.date(2026, 3, 2)).exists()


def test_a_daily_note_of_a_day_outside_the_dates_kept_is_refused_by_name(carol, vault):
    (vault / "Daily" / "2101-01-03.md").write_text("- far ahead\n")

    assert "Daily/2101-01-03.md: 2101-01-03 is outside the dates Perf Assist keeps" in refused(
        carol, vault
    )


def test_a_line_of_only_zero_width_marks_is_no_entry_and_a_byte_order_mark_no_text(carol, tmp_path):
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "2026-03-02.md").write_text("\ufeff## Done\n- \u200b\u200b\n- Shipped it\n")

    import_file(carol, folder)

    assert list(Entry.objects.filter(user=carol).values_list("text", flat=True)) == ["Shipped it"]


# --- Lone surrogates ---


@pytest.mark.parametrize(
    "spoil, where",
    [
        (
            lambda d: d["entries"][1].update(text="Shipped \ud800 search"),
            "entries[1] (id {e1}): text",
        ),
        (lambda d: d["goals"][0].update(title="Fast \udfff"), "goals[0] (id {g0}): title"),
        (lambda d: d["user"].update(guidance="Short \ud800"), "user: guidance"),
        (
            lambda d: d["week_summaries"][0]["bullets"][0].update(text="\ud800"),
            "week_summaries[0] (id {w0}): bullets[0] (id {b0}): text",
        ),
        (
            lambda d: d["summaries"][0]["goal_reviews"][0]["outputs"][0].update(text="\udc00"),
            "summaries[0] (id {s0}): goal_reviews[0] (id {r0}): outputs[0] (id {p0}): text",
        ),
        (lambda d: d["entries"][2].update({"mo\ud800od": 1}), "entries[2] (id {e2}): mo\\ud800od"),
    ],
)
def test_a_lone_surrogate_anywhere_is_refused_naming_the_record(
    carol, backup, tmp_path, spoil, where
):
    ids = {
        "e1": backup["entries"][1]["id"],
        "e2": backup["entries"][2]["id"],
        "g0": backup["goals"][0]["id"],
        "w0": backup["week_summaries"][0]["id"],
        "b0": backup["week_summaries"][0]["bullets"][0]["id"],
        "s0": backup["summaries"][0]["id"],
        "r0": backup["summaries"][0]["goal_reviews"][0]["id"],
        "p0": backup["summaries"][0]["goal_reviews"][0]["outputs"][0]["id"],
    }
    spoil(backup)

    message = refused(carol, write_json(tmp_path, backup))

    assert f"{where.format(**ids)}: The text holds a broken character (a lone surrogate" in message


def test_a_lone_surrogate_in_a_jrnl_file_is_refused_naming_the_entry(carol, tmp_path):
    data = json.loads((SAMPLES / "jrnl_export.json").read_text())
    data["entries"][1]["body"] = "half a pair \ud83d"

    assert "entries[1]: body: The text holds a broken character" in refused(
        carol, write_json(tmp_path, data)
    )


def test_a_pair_of_surrogates_is_one_character_and_imports(carol, backup, tmp_path):
    backup["entries"][0]["text"] = "Shipped it \ud83d\ude80"  # 🚀, escaped by json.dumps

    import_file(carol, write_json(tmp_path, backup))

    assert Entry.objects.filter(user=carol, text="Shipped it 🚀").exists()


# --- Odd ids ---


@pytest.mark.parametrize(
    "spoil, expected",
    [
        (
            lambda d: d["week_summaries"][0]["bullets"][0].update(id="x/../<y>"),
            "week_summaries[0] (id {w0}): bullets[0]: id: “x/../<y>” is not an id",
        ),
        (
            lambda d: d["summaries"][0]["goal_reviews"][0]["outputs"][0].update(id="x/../<y>"),
            "summaries[0] (id {s0}): goal_reviews[0]: outputs[0]: id: “x/../<y>” is not an id",
        ),
        (
            lambda d: d["week_summaries"][0]["bullets"][0].update(
                id="{12345678-1234-5678-1234-567812345678}"
            ),
            "bullets[0]: id: “{{12345678-1234-5678-1234-567812345678}}” is not an id",
        ),
        # Record ids and the ids they link by were refused already, by their UUID fields.
        (lambda d: d["entries"][0].update(id="x/../<y>"), "entries[0] (id x/../<y>): id:"),
        (lambda d: d["entries"][0].update(id=None), "entries[0]: the record has no id."),
        (lambda d: d["goals"][0].update(id="../1"), "goals[0] (id ../1): id:"),
        (lambda d: d["summaries"][0].update(id="<y>"), "summaries[0] (id <y>): id:"),
        (lambda d: d["week_summaries"][0].update(id="1 OR 1"), "week_summaries[0] (id 1 OR 1)"),
        (
            lambda d: d["summaries"][0]["goal_reviews"][0].update(goal="x/.."),
            "goal_reviews[0] (id {r0}): goal:",
        ),
        (
            lambda d: d["entries"][1].update(fulfils_plan="x/.."),
            "entries[1] (id {e1}): fulfils_plan",
        ),
    ],
)
def test_an_id_that_is_not_a_proper_id_is_refused_naming_the_record(
    carol, backup, tmp_path, spoil, expected
):
    ids = {
        "w0": backup["week_summaries"][0]["id"],
        "s0": backup["summaries"][0]["id"],
        "r0": backup["summaries"][0]["goal_reviews"][0]["id"],
        "e1": backup["entries"][1]["id"],
    }
    spoil(backup)

    assert expected.format(**ids) in refused(carol, write_json(tmp_path, backup))


@pytest.mark.parametrize(
    "spoil, expected",
    [
        (
            lambda d: d["entries"][0].update(text=["a"]),
            "entries[0] (id {e0}): text: must be a text",
        ),
        (lambda d: d["entries"][0].update(text={"a": 1}), "text: must be a text (a JSON string)"),
        (lambda d: d["entries"][0].update(text=12345), "text: must be a text (a JSON string)"),
        (lambda d: d["entries"][0].update(date=20260302), "date: 20260302 is not a date"),
        (lambda d: d["entries"][0].update(date="\uff12026-03-02"), "is not a date"),
        (lambda d: d["entries"][0].update(id=123), "entries[0] (id 123): id: 123 is not an id"),
        (
            lambda d: d["entries"][0].update(id="{" + d["entries"][0]["id"] + "}"),
            "is not an id written as this app writes one",
        ),
        (
            lambda d: d["goals"][0].update(title=["Fast"]),
            "goals[0] (id {g0}): title: must be a text",
        ),
        (lambda d: d["summaries"][0].update(summary_text_locked="yes"), "must be true or false"),
        (lambda d: d["summaries"][0].update(input_tokens="12"), "must be a whole number"),
    ],
)
def test_a_value_of_the_wrong_json_type_is_refused_not_turned_into_text(
    carol, backup, tmp_path, spoil, expected
):
    ids = {"e0": backup["entries"][0]["id"], "g0": backup["goals"][0]["id"]}
    spoil(backup)

    assert expected.format(**ids) in refused(carol, write_json(tmp_path, backup))


def test_proper_point_ids_with_or_without_hyphens_import(carol, backup, tmp_path):
    bullet = backup["week_summaries"][0]["bullets"][0]
    bullet["id"] = "0f8e4b6c-3c1a-4d2e-9b7a-5e6f7a8b9c0d"

    import_file(carol, write_json(tmp_path, backup))

    assert WeekSummary.objects.get(user=carol).bullets[0]["id"] == bullet["id"]
    assert ReviewPoint.objects.filter(review__summary__user=carol).exists()


# --- Unknown statuses and choices ---


@pytest.mark.parametrize(
    "spoil, expected",
    [
        (lambda d: d["summaries"][0].update(status="queued"), "summaries[0] (id {s0}): status:"),
        (
            lambda d: d["week_summaries"][0].update(status="x"),
            "week_summaries[0] (id {w0}): status:",
        ),
        (lambda d: d["goals"][0].update(status="paused"), "goals[0] (id {g0}): status:"),
        (lambda d: d["entries"][0].update(type="idea"), "entries[0] (id {e0}): type:"),
        (lambda d: d["summaries"][0].update(role="ceo"), "summaries[0] (id {s0}): role:"),
        (lambda d: d["summaries"][0].update(language="de"), "summaries[0] (id {s0}): language:"),
        (lambda d: d["week_summaries"][0].update(language="x"), "week_summaries[0] (id {w0})"),
        (lambda d: d["user"].update(role="ceo"), "user: role:"),
        (lambda d: d["user"].update(language="de"), "user: language:"),
        (
            lambda d: d["user"].update(time_zone="Mars/Olympus"),
            "user: time_zone: Mars/Olympus is not a time zone Perf Assist knows.",
        ),
    ],
)
def test_an_unknown_status_or_choice_is_refused_naming_the_record(
    carol, backup, tmp_path, spoil, expected
):
    ids = {
        "s0": backup["summaries"][0]["id"],
        "w0": backup["week_summaries"][0]["id"],
        "g0": backup["goals"][0]["id"],
        "e0": backup["entries"][0]["id"],
    }
    spoil(backup)

    assert expected.format(**ids) in refused(carol, write_json(tmp_path, backup))


# --- Dates and visible text ---


@pytest.mark.parametrize(
    "spoil, expected",
    [
        (
            lambda d: d["entries"][0].update(date="0001-01-01"),
            "entries[0] (id {e0}): date: 0001-01-01",
        ),
        (
            lambda d: d["entries"][0].update(date="9999-12-31"),
            "entries[0] (id {e0}): date: 9999-12-31",
        ),
        (lambda d: d["entries"][0].update(date="1969-12-31"), "date: 1969-12-31"),
        (
            lambda d: d["entries"][0].update(created_at="0001-01-01T00:00:00+00:00"),
            "entries[0] (id {e0}): created_at: 0001-01-01",
        ),
        (
            lambda d: d["summaries"][0].update(period_start="1900-01-01"),
            "summaries[0] (id {s0}): period_start: 1900-01-01",
        ),
        (
            lambda d: d["summaries"][0].update(period_end="2101-01-01"),
            "summaries[0] (id {s0}): period_end: 2101-01-01",
        ),
        (
            lambda d: d["week_summaries"][0].update(week_start="1969-12-22"),
            "week_summaries[0] (id {w0}): week_start: 1969-12-22",
        ),
        (
            lambda d: d["week_summaries"][0].update(week_start="2101-01-03"),
            "week_summaries[0] (id {w0}): week_start: 2101-01-03",
        ),
        (lambda d: d["goals"][0].update(created_at="9999-12-31T23:59:59"), "goals[0] (id {g0})"),
    ],
)
def test_a_date_outside_the_dates_kept_is_refused_naming_the_record(
    carol, backup, tmp_path, spoil, expected
):
    ids = {
        "e0": backup["entries"][0]["id"],
        "s0": backup["summaries"][0]["id"],
        "w0": backup["week_summaries"][0]["id"],
        "g0": backup["goals"][0]["id"],
    }
    spoil(backup)

    message = refused(carol, write_json(tmp_path, backup))

    assert expected.format(**ids) in message
    assert "is outside the dates Perf Assist keeps" in message


def test_the_first_and_last_days_kept_import(carol, backup, tmp_path):
    backup["entries"][0]["date"] = "1970-01-01"
    backup["entries"][1]["date"] = "2100-12-31"

    import_file(carol, write_json(tmp_path, backup))

    days = set(Entry.objects.filter(user=carol).values_list("date", flat=True))
    assert {datetime.date(1970, 1, 1), datetime.date(2100, 12, 31)} <= days


@pytest.mark.parametrize("monday", ["1969-12-29", "2100-12-27"])
def test_the_weeks_of_the_first_and_last_days_kept_import(carol, backup, tmp_path, monday):
    # 1970-W01 starts on 29 December 1969; the week of 31 December 2100 ends in 2101.
    backup["week_summaries"][0]["week_start"] = monday

    import_file(carol, write_json(tmp_path, backup))

    assert WeekSummary.objects.get(user=carol).week_start.isoformat() == monday


def test_a_jrnl_entry_of_a_day_outside_the_dates_kept_is_refused(carol, tmp_path):
    data = json.loads((SAMPLES / "jrnl_export.json").read_text())
    data["entries"][0]["date"] = "1969-12-31"

    assert "entries[0]: date: 1969-12-31 is outside the dates" in refused(
        carol, write_json(tmp_path, data)
    )


@pytest.mark.parametrize("text", ["\u200b", " \u200b\u2060 ", "\ufeff", "\u00a0"])
def test_an_entry_with_no_visible_character_is_refused_naming_it(carol, backup, tmp_path, text):
    backup["entries"][2]["text"] = text

    assert (
        f"entries[2] (id {backup['entries'][2]['id']}): text: Write something: the text has "
        "no visible character."
    ) in refused(carol, write_json(tmp_path, backup))


def test_a_jrnl_entry_with_no_visible_character_is_refused(carol, tmp_path):
    data = json.loads((SAMPLES / "jrnl_export.json").read_text())
    data["entries"][0].update(title="\u200b", body="\u200b")

    assert "entries[0]: Write something: the text has no visible character." in refused(
        carol, write_json(tmp_path, data)
    )


# --- Runs the file holds half-written ---


@pytest.mark.parametrize("status", [SummaryStatus.PENDING, SummaryStatus.RUNNING])
def test_a_summary_still_being_written_comes_in_failed_with_a_reason(
    carol, backup, tmp_path, status, client_for
):
    record = backup["summaries"][0]
    record.update(status=status, finished_at=None, rewriting_review_id=None)
    backup["week_summaries"][0].update(status=status, finished_at=None)

    report = import_file(carol, write_json(tmp_path, backup))

    summary = PerfSummary.objects.get(user=carol)
    week = WeekSummary.objects.get(user=carol)
    reason = "This summary was still being written when it was exported; write it again."
    for run in (summary, week):
        assert run.status == SummaryStatus.FAILED
        assert run.error == reason
        assert run.finished_at is not None
    assert "2 summaries were still being written when they were exported" in report
    page = client_for(carol).get(reverse("perf:summary-detail", args=[summary.pk]))
    assert reason in page.content.decode()


def test_a_summary_rewriting_one_goal_comes_in_failed_and_rewriting_nothing(
    carol, backup, tmp_path
):
    record = backup["summaries"][0]
    record.update(status="pending", rewriting_review_id=record["goal_reviews"][0]["id"])

    import_file(carol, write_json(tmp_path, backup), dry_run=False)

    summary = PerfSummary.objects.get(user=carol)
    assert summary.status == SummaryStatus.FAILED and summary.rewriting_review_id is None
    # The written part survives, to be rewritten when the user asks.
    assert summary.goal_reviews.count() == len(record["goal_reviews"])


def test_a_dry_run_says_which_runs_would_come_in_failed(carol, backup, tmp_path):
    backup["summaries"][0]["status"] = "running"

    report = import_file(carol, write_json(tmp_path, backup), dry_run=True)

    assert "1 summary was still being written when it was exported" in report
    assert nothing_of(carol)


def test_done_and_failed_runs_come_in_as_they_were(carol, backup, tmp_path):
    backup["week_summaries"][0].update(status="failed", error="The model timed out.")

    report = import_file(carol, write_json(tmp_path, backup))

    assert PerfSummary.objects.get(user=carol).status == SummaryStatus.DONE
    assert WeekSummary.objects.get(user=carol).error == "The model timed out."
    assert "still being written" not in report


# --- The importer as a function, as the command calls it ---


def test_the_importer_raises_a_journal_file_error_and_writes_nothing(carol, vault, secret):
    (vault / "Daily" / "2026-11-05.md").symlink_to(secret)

    with pytest.raises(JournalFileError, match="2026-11-05.md is a link"):
        import_journal(carol, vault)

    assert nothing_of(carol)
    assert Profile.objects.filter(user=carol).count() == 1  # left as make_user made it
    assert EntryType.FACT  # the journal's own types are untouched by a refusal
