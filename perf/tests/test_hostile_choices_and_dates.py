"""Hostile choices and dates in a journal file change nothing (issue 13): an unknown
status or choice, a date outside 1970–2100 and an entry with no visible character are
refused naming the record, in our JSON and jrnl's alike, by the command and its dry run;
the first and last days kept, and their weeks, import."""

import datetime
import json

import pytest

from journal.models import Entry
from perf.models import WeekSummary

from .hostile_files import refused, write_json
from .journal_io import SAMPLES, import_file

pytestmark = pytest.mark.django_db


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


@pytest.mark.parametrize("written", ["2026-11-24T10:00:00", "2026-11-24"])
def test_a_time_without_a_time_zone_is_refused_naming_the_record(carol, backup, tmp_path, written):
    entry_id = backup["entries"][0]["id"]
    backup["entries"][0]["created_at"] = written

    message = refused(carol, write_json(tmp_path, backup))

    assert f"entries[0] (id {entry_id}): created_at: 2026-11-24T" in message
    assert 'has no time zone: write it as the export does, such as "2026-11-24T10:00:00+00:00"' in (
        message
    )


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
