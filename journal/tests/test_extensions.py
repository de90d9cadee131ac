"""journal names no other app: what perf adds to its entries and pages (goal chips, the
goal picker, the week card, Polish, the export) comes through journal/extensions.py, and
with nothing registered journal's pages still work, without those parts. (With perf's
parts registered: perf/tests/test_journal_parts.py.)"""

import datetime
import re
from pathlib import Path

import pytest
from django.urls import reverse

from conftest import api_client, make_entry, make_goal, make_user
from journal import extensions

pytestmark = pytest.mark.django_db
D = datetime.date
ROOT = Path(__file__).resolve().parents[2]

# What perf's parts put on a page; none may show when nothing is registered.
PERF_PARTS = ['class="chip"', "goal-picker", "week-card", "/perf/polish/", "/perf/export/"]


@pytest.fixture
def nothing_registered(monkeypatch):
    monkeypatch.setattr(extensions, "_links", extensions.EntryLinks())
    monkeypatch.setattr(extensions, "_parts", {slot: [] for slot in extensions.SLOTS})


def journal_pages(client, entry):
    return {
        "Today": client.get(reverse("journal:today"), {"date": entry.date.isoformat()}),
        "Feed": client.get(reverse("journal:feed")),
        "edit": client.get(reverse("journal:entry-edit", args=[entry.pk])),
        "settings": client.get(reverse("journal:profile")),
    }


def linked_entry():
    user = make_user()
    goal = make_goal(user, title="Reliable billing", slug="billing")
    entry = make_entry(user, date=D(2026, 3, 4), text="Moved billing to Kafka #billing")
    assert entry.goals.get() == goal  # linked by the #tag: the pages could show it
    return user, goal, entry


def test_journal_code_and_templates_name_no_other_app():
    code = [
        path
        for path in (ROOT / "journal").rglob("*.py")
        if "tests" not in path.parts and "migrations" not in path.parts
    ]
    templates = [*(ROOT / "templates/journal").rglob("*.html"),
                 *(ROOT / "templates/registration").rglob("*.html")]  # fmt: skip
    reaching = re.compile(r"""["']perf[:./]|apps\.get_model|get_field\(["']goals|\.goals\b""")
    assert [str(p) for p in code if reaching.search(p.read_text())] == []
    assert [str(p) for p in templates if re.search(r"perf[:/]", p.read_text())] == []
    loaded = {lib for p in templates for libs in re.findall(r"{% load (.*?) %}", p.read_text())
              for lib in libs.split()}  # fmt: skip
    assert loaded <= {"i18n", "static", "journal_parts", "entry_text"}


def test_with_nothing_registered_the_pages_work_without_perfs_parts(client_for, nothing_registered):
    user, _goal, entry = linked_entry()
    client = client_for(user)

    pages = journal_pages(client, entry)
    edited = client.post(
        reverse("journal:entry-edit", args=[entry.pk]),
        {"date": "2026-03-04", "type": "fact", "text": "Moved billing to Kafka, all of it"},
    )

    assert {name: page.status_code for name, page in pages.items()} == dict.fromkeys(pages, 200)
    assert {name: [p for p in PERF_PARTS if p in page.text] for name, page in pages.items()} == (
        dict.fromkeys(pages, [])
    )
    assert edited.status_code == 302
    entry.refresh_from_db()
    assert entry.text == "Moved billing to Kafka, all of it"


def test_with_nothing_registered_the_api_links_nothing(nothing_registered):
    user, goal, entry = linked_entry()
    client = api_client(user)

    listed = client.get("/api/entries")
    refused = client.post(
        "/api/entries",
        {"date": "2026-03-05", "type": "fact", "text": "Wrote it", "goal_ids": [str(goal.pk)]},
        content_type="application/json",
    )

    assert [item["goal_ids"] for item in listed.json()["items"]] == [[]]
    assert refused.status_code == 400
    assert refused.json()["detail"][0]["msg"] == "One of the goals is not yours."


def test_a_part_registers_once_and_only_in_a_slot_journal_has():
    before = list(extensions.parts("settings"))
    registered = before[0]
    extensions.register_part("settings", registered.template, load=registered.load)

    assert extensions.parts("settings") == before
    with pytest.raises(ValueError, match="journal has no slot 'sidebar'"):
        extensions.register_part("sidebar", "perf/includes/export_settings.html")
