"""What an export holds: our JSON carries every stored field of every record and the import
format reads each of them back, the Markdown export reads day by day with plans before
facts, and the settings page offers both downloads of one's own journal, behind a login."""

import datetime
import json

import pytest
from django.urls import reverse

from conftest import make_entry, make_user
from journal.models import Entry
from perf.models import Goal, GoalReview, PerfSummary, ReviewForm, WeekSummary
from perf.portability.export import PROFILE_FIELDS, record_fields
from perf.portability.records import (
    EntryRecord,
    FormRecord,
    GoalRecord,
    Owner,
    ReviewRecord,
    SummaryRecord,
    WeekRecord,
)

from .journal_io import export, without_export_time

pytestmark = pytest.mark.django_db


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
        (ReviewRecord, GoalReview, {"outputs", "outcomes", "answers", "context_entry_ids"}),
        (WeekRecord, WeekSummary, set()),
        (FormRecord, ReviewForm, set()),
    ]:
        read = {field.alias or name for name, field in record.model_fields.items()}
        assert read == {field.name for field in record_fields(model)} | nested, record
    assert list(Owner.model_fields) == PROFILE_FIELDS


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
