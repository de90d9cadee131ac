"""Hostile text and ids in a journal file change nothing (issue 13): a lone surrogate
anywhere, an id that is not a proper id and a value of the wrong JSON type are refused
naming the record, by the command and its dry run alike; a pair of surrogates and proper
point ids, with or without hyphens, import."""

import json

import pytest

from journal.models import Entry
from perf.models import ReviewPoint, WeekSummary

from .hostile_files import refused, write_json
from .journal_io import SAMPLES, import_file

pytestmark = pytest.mark.django_db


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
