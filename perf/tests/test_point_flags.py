"""The honesty flags of a goal review's points in every place a summary goes out (the page,
the API, generate_summary's JSON, the Markdown export): what the cited entries do not state,
and citations that follow deleted entries, also one deleted while the model writes; and
the Markdown's dates of a routine line, a span as on the page. Summaries are written
offline, or by the real anthropic SDK against the fake server."""

import datetime
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from conftest import api_client, make_entry, make_user, make_written_summary
from perf.models import Citation, PerfSummary, ReviewPoint
from perf.services.markdown import summary_markdown
from perf.services.pieces import find_piece
from perf.services.summaries import run_summary

from .conftest import OFFLINE, billing_journal, piece_url, point_citing, points, written

pytestmark = pytest.mark.django_db
D = datetime.date


def drafted(user, fake_llm, config, goal):
    """A March summary of the billing journal that the model drafts as `goal` (E1: Kafka,
    E2: runbook, E3: PRs), with the narrative and context it is given."""
    _, facts = billing_journal(user)
    narrative = goal.pop("summary_text")
    fake_llm.answer(
        {
            "summary_text": narrative,
            "goals": [{"goal_ref": "G1", "title": "Reliable billing", "context_refs": [], **goal}],
        }
    )
    summary = make_written_summary(user, language="en", config=config)
    assert summary.status == "done", summary.error
    return summary, facts


def api_get(user, summary) -> dict:
    response = api_client(user).get(f"/api/perf/summaries/{summary.pk}")
    assert response.status_code == 200
    return response.json()


def shown_flags(data: dict) -> list:
    """Every flag of a summary's JSON (the API's or generate_summary's), where it is."""
    flags = [("narrative", data["summary_unsupported"])]
    for goal in data["goals"]:
        flags.append(("context", goal["context_unsupported"]))
        for point in goal["outputs"] + goal["outcomes"]:
            flags += [("point", point["unsupported"]), ("deleted", point["cited_entries_deleted"])]
    return flags


def flagged(line: str, text: str, figure: str) -> bool:
    """The Markdown line is `text` followed by a ⚠ that names `figure`."""
    head, warning, rest = line.partition(" ⚠ ")
    return text in head and bool(warning) and figure in rest


def line_of(markdown: str, start: str) -> str:
    [line] = [line for line in markdown.splitlines() if line.startswith(start)]
    return line


def test_deleting_an_entry_removes_its_citations_and_flags_the_points_that_cited_it(
    client_for, fake_llm, anthropic_config
):
    user = make_user()
    summary, facts = drafted(
        user,
        fake_llm,
        anthropic_config,
        {
            "summary_text": "Billing moved to Kafka.",
            "context": "Billing lagged.",
            "context_refs": ["E1"],
            "outputs": [
                {"text": "Moved billing to Kafka, wrote its runbook", "refs": ["E1", "E2"]}
            ],
            "outcomes": [{"text": "Lag from 40 s to 2 s", "refs": ["E1"]}],
        },
    )
    review = summary.goal_reviews.get()
    [both] = points(review, "output")
    [only] = points(review, "outcome")
    page = reverse("perf:summary-detail", args=[summary.pk])
    assert client_for(user).get(page).context["flagged"] == []
    gone = facts[0].pk

    facts[0].delete()

    assert not Citation.objects.filter(entry_id=gone).exists()
    assert not review.context_entries.filter(pk=gone).exists()
    assert (both.cited_entry_ids(), both.cited_deleted) == ([str(facts[1].pk)], 1)
    assert (only.cited_entry_ids(), only.cited_deleted) == ([], 1)
    assert find_piece(summary, only.key, review.pk).uncited  # nothing supports it any more
    assert not find_piece(summary, both.key, review.pk).uncited
    assert len(client_for(user).get(page).context["flagged"]) == 2  # both need a look
    goal = api_get(user, summary)["goals"][0]
    assert [(p["entry_ids"], p["cited_entries_deleted"]) for p in goal["outputs"]] == [
        ([str(facts[1].pk)], 1)
    ]
    assert [(p["entry_ids"], p["cited_entries_deleted"]) for p in goal["outcomes"]] == [([], 1)]
    markdown = summary_markdown(summary)
    assert line_of(markdown, "- Lag") == "- Lag from 40 s to 2 s ⚠ a cited entry was deleted"
    moved = line_of(markdown, "- Moved")  # the runbook's date is left, then the warning
    assert moved.startswith("- Moved billing to Kafka, wrote its runbook (")
    assert moved.endswith(") ⚠ a cited entry was deleted") and moved.count("⚠") == 1


def test_the_api_and_the_command_json_have_empty_flags_when_everything_is_supported():
    user = make_user("marina", language="en")
    written(user)  # offline: every point is its entry's own words
    summary = PerfSummary.objects.get()
    out = StringIO()

    call_command(
        "generate_summary", "--user", "marina", "--start", "2026-03-01", "--end", "2026-03-31",
        "--format", "json", stdout=out,
    )  # fmt: skip

    for data in (api_get(user, summary), json.loads(out.getvalue())):
        flags = shown_flags(data)
        assert {kind for kind, _ in flags} == {"narrative", "context", "point", "deleted"}
        assert [value for _, value in flags if value not in ([], 0)] == []


def test_the_api_says_what_is_unsupported(fake_llm, anthropic_config):
    user = make_user()
    summary, _ = drafted(
        user,
        fake_llm,
        anthropic_config,
        {
            "summary_text": "Billing got 95% faster.",
            "context": "Lag hurt 7 payments a day.",
            "context_refs": ["E1"],
            "outputs": [{"text": "Moved billing to Kafka", "refs": ["E1"]}],
            "outcomes": [{"text": "Lag down by 95%", "refs": ["E1"]}],
        },
    )

    data = api_get(user, summary)

    [goal] = data["goals"]
    assert any("95" in item for item in data["summary_unsupported"])
    assert any("7" in item for item in goal["context_unsupported"])
    assert [p["unsupported"] for p in goal["outputs"]] == [[]]
    [outcome] = goal["outcomes"]
    assert any("95" in item for item in outcome["unsupported"])
    assert outcome["cited_entries_deleted"] == 0


def test_markdown_flags_each_unsupported_text_and_leaves_out_removed_points(
    client_for, fake_llm, anthropic_config
):
    user = make_user()
    summary, facts = drafted(
        user,
        fake_llm,
        anthropic_config,
        {
            "summary_text": "Billing got 95% faster.",
            "context": "Lag hurt 7 payments a day.",
            "context_refs": ["E1"],
            "outputs": [
                {"text": "Moved billing to Kafka", "refs": ["E1"]},
                {"text": "Wrote the on-call runbook", "refs": ["E2"]},
            ],
            "outcomes": [{"text": "Lag down by 95%", "refs": ["E1"]}],
        },
    )
    review = summary.goal_reviews.get()
    runbook = point_citing(review, facts[1])
    client_for(user).post(piece_url(summary, review, runbook.key, "remove/"))

    markdown = summary_markdown(summary)

    assert flagged(line_of(markdown, "Billing got"), "Billing got 95% faster.", "95")
    assert flagged(line_of(markdown, "**Context.**"), "Lag hurt 7 payments a day.", "7")
    assert flagged(line_of(markdown, "- Lag down"), "- Lag down by 95% (", "95")
    supported = line_of(markdown, "- Moved billing")
    assert supported.startswith("- Moved billing to Kafka (") and "⚠" not in supported
    assert "runbook" not in markdown  # removed: not in what the user shares


def test_an_entry_deleted_while_the_model_writes_is_not_cited_and_the_point_says_so(monkeypatch):
    from perf.services import summaries

    user = make_user()
    summary, _billing, facts = written(user)
    write = summaries.generate_summary

    def the_user_deletes_an_entry_meanwhile(request, config):
        result = write(request, config)
        facts[2].delete()
        return result

    monkeypatch.setattr(summaries, "generate_summary", the_user_deletes_an_entry_meanwhile)
    PerfSummary.objects.filter(pk=summary.pk).update(status="pending")

    summary = run_summary(summary, OFFLINE)

    assert summary.status == "done", summary.error
    point = ReviewPoint.objects.get(review__summary=summary, text__contains="Reviewed 3 PRs")
    assert point.cited_entry_ids() == [] and point.cited_deleted == 1


def test_the_markdown_prints_a_routine_lines_dates_as_their_span_like_the_page():
    user = make_user()
    for week in range(5):
        make_entry(user, text="Budget planning with finance", date=D(2026, 3, 2 + 7 * week))
    make_entry(user, text="Shipped the search index", date=D(2026, 3, 3))
    summary = make_written_summary(user)

    markdown = summary_markdown(summary)

    routine = next(line for line in markdown.splitlines() if "Budget planning" in line)
    assert routine.endswith("(2 Mar 2026 – 30 Mar 2026, 5 days)"), routine
    assert "- Shipped the search index (3 Mar 2026)" in markdown
