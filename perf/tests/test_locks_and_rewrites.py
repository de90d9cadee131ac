"""Writing a summary or one goal again: what the user locked survives, unlocked points are
replaced, one goal is written from its own entries with its locked points sent and keeps
its state when that fails, and a renamed section is paired with its rewrite by the entries
they share. Generation goes through the real offline provider, or the real anthropic SDK
against the fake server; nothing of perf.llm is mocked."""

import datetime

import pytest
from django.urls import reverse

from conftest import make_entry, make_user, make_written_summary
from perf.models import PerfSummary, ReviewPoint
from perf.services.summaries import run_summary

from .conftest import OFFLINE, billing_review, piece_url, point_citing, points, state, written
from .fake_llm import Step, prompt_of

pytestmark = pytest.mark.django_db
D = datetime.date


def test_rewriting_the_summary_keeps_what_the_user_locked(client_for):
    user = make_user()
    summary, _, facts = written(user)
    review = billing_review(summary)
    client = client_for(user)
    locked = point_citing(review, facts[0])
    client.post(piece_url(summary, review, locked.key), {"text": "Moved billing to Kafka"})
    client.post(reverse("perf:narrative-edit", args=[summary.pk]), {"text": "My own words."})
    other_before = [(p.pk, p.text) for p in points(point_citing(summary, facts[2]).review)]

    PerfSummary.objects.filter(pk=summary.pk).update(status="pending")  # "Write it again"
    run_summary(summary, OFFLINE)

    summary.refresh_from_db()
    review = billing_review(summary)
    assert summary.summary_text == "My own words."
    shown = points(review, locked.section)
    # The locked point stays first; the draft's point on the same entries does not return.
    assert (shown[0].pk, shown[0].text, shown[0].locked) == (
        locked.pk,
        "Moved billing to Kafka",
        True,
    )
    assert not [p for p in shown[1:] if p.cited_entry_ids() == locked.cited_entry_ids()]
    assert not point_citing(review, facts[1]).locked  # the rest is drafted again
    other = [(p.pk, p.text) for p in points(point_citing(summary, facts[2]).review)]
    assert [text for _, text in other] == [text for _, text in other_before]
    assert not {pk for pk, _ in other} & {pk for pk, _ in other_before}  # written anew


def test_an_unlocked_point_is_replaced_when_written_again(client_for):
    user = make_user()
    summary, _, facts = written(user)
    review = billing_review(summary)
    point = point_citing(review, facts[0])
    client = client_for(user)
    client.post(piece_url(summary, review, point.key), {"text": "Reworded"})
    client.post(piece_url(summary, review, point.key, "unlock/"))

    PerfSummary.objects.filter(pk=summary.pk).update(status="pending")
    run_summary(summary, OFFLINE)

    review = billing_review(summary)
    assert not ReviewPoint.objects.filter(pk=point.pk).exists()
    assert "Reworded" not in [p.text for p in points(review)]
    assert not any(p.locked for p in points(review))
    assert point_citing(review, facts[0])  # the draft's own point on that entry is back


def test_a_locked_goal_the_new_draft_leaves_out_keeps_only_what_was_locked(client_for):
    user = make_user()
    summary, _, facts = written(user)
    review = billing_review(summary)
    point = point_citing(review, facts[1])
    client_for(user).post(piece_url(summary, review, point.key), {"text": "Mine"})
    facts[0].delete()
    facts[1].delete()  # nothing of billing is left for the draft

    PerfSummary.objects.filter(pk=summary.pk).update(status="pending")
    run_summary(summary, OFFLINE)

    review.refresh_from_db()
    assert [(p.pk, p.text) for p in points(review)] == [(point.pk, "Mine")]


def test_writing_one_goal_again_changes_only_that_goal(
    client_for, django_capture_on_commit_callbacks
):
    user = make_user()
    summary, _, facts = written(user)
    review = billing_review(summary)
    other = point_citing(summary, facts[2]).review
    other_before = state(other)
    client = client_for(user)
    locked = point_citing(review, facts[1])
    client.post(piece_url(summary, review, locked.key), {"text": "Runbook, mine"})
    old_ids = {p.pk for p in review.points.all()}
    # A fact linked to the goal after the summary was written joins it.
    late = make_entry(user, text="Added billing alerts, 0 missed pages", date=D(2026, 3, 9))
    late.goals.add(review.goal)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("perf:review-regenerate", args=[summary.pk, review.pk]))

    summary.refresh_from_db()
    assert response["Location"].endswith(f"#review-{review.pk}")
    assert (summary.status, summary.rewriting_review_id) == ("pending", review.pk)
    page = client.get(reverse("perf:summary-detail", args=[summary.pk]))
    assert "Writing “Reliable billing” again…" in page.text
    assert "Runbook, mine" in page.text  # the summary stays readable meanwhile

    run_summary(summary, OFFLINE)

    summary.refresh_from_db()
    review.refresh_from_db()
    assert (summary.status, summary.rewriting_review_id) == ("done", None)
    shown = points(review, locked.section)
    assert ("Runbook, mine", True) in [(p.text, p.pk == locked.pk) for p in shown]  # kept
    assert point_citing(review, facts[0]).pk not in old_ids  # written anew
    assert point_citing(review, late).pk not in old_ids  # the late fact joins the goal
    assert state(other) == other_before  # the other goal is untouched
    assert str(late.pk) in summary.sent_entry_ids  # read now: coverage and checks count it


def test_a_goal_is_written_again_from_its_own_entries_with_the_locked_points_sent(
    client_for, fake_llm, anthropic_config
):
    user = make_user()
    summary, billing, facts = written(user)
    review = billing_review(summary)
    locked = point_citing(review, facts[1])
    client_for(user).post(piece_url(summary, review, locked.key), {"text": "Runbook, mine"})
    fake_llm.answer(
        {
            "summary_text": "",
            "goals": [
                {
                    "goal_ref": "G1",
                    "title": "Kafka migration",
                    "context": "Billing lagged.",
                    "context_refs": [],
                    "outputs": [{"text": "Moved events to Kafka", "refs": ["E1"]}],
                    "outcomes": [{"text": "Lag from 40 s to 2 s", "refs": ["E1"]}],
                }
            ],
        }
    )
    PerfSummary.objects.filter(pk=summary.pk).update(
        status="pending", rewriting_review_id=review.pk
    )

    run_summary(summary, anthropic_config)

    prompt = prompt_of(fake_llm.requests[0]["body"])
    assert "[G1] #billing Reliable billing" in prompt
    assert "Reviewed 3 PRs" not in prompt  # another goal's entry is not sent
    assert f"- Reliable billing / {locked.section}: Runbook, mine (E2)" in prompt
    assert "Rewrite only the section “Reliable billing”" in prompt
    review.refresh_from_db()
    assert review.title == "Reliable billing"  # the section keeps its name
    assert review.context == "Billing lagged."
    # Kept; the draft did not restate it, so it goes back to the place it had (the first).
    assert points(review, locked.section)[0].pk == locked.pk
    assert {p.text for p in points(review)} == {
        "Runbook, mine",
        "Moved events to Kafka",
        "Lag from 40 s to 2 s",
    }
    drafted = point_citing(review, facts[0], "outcome")
    assert (drafted.text, drafted.cited_entry_ids()) == ("Lag from 40 s to 2 s", [str(facts[0].pk)])
    summary.refresh_from_db()
    assert summary.provider == "anthropic" and summary.input_tokens > 0


def test_a_failed_goal_rewrite_keeps_the_goal_as_it_was(fake_llm, anthropic_config):
    user = make_user()
    summary, _, _ = written(user)
    review = billing_review(summary)
    before = (review.title, review.context, state(review))
    fake_llm.script(Step(status=500), Step(status=500), Step(status=500))
    PerfSummary.objects.filter(pk=summary.pk).update(
        status="pending", rewriting_review_id=review.pk
    )

    run_summary(summary, anthropic_config)

    summary.refresh_from_db()
    assert summary.status == "failed" and "server error" in summary.error
    assert summary.rewriting_review_id is None
    review = billing_review(summary)
    assert (review.title, review.context, state(review)) == before


def test_a_renamed_section_is_paired_with_its_rewrite_by_the_entries_they_share(client_for):
    user = make_user()
    summary, _, facts = written(user)
    other = point_citing(summary, facts[2]).review
    title = other.title
    client_for(user).post(piece_url(summary, other, "title"), {"text": "Code reviews"})

    PerfSummary.objects.filter(pk=summary.pk).update(status="pending")
    run_summary(summary, OFFLINE)  # the draft gives that section its own title again

    # The renamed section takes the drafted one that cites its entry, under the user's title,
    # and no section of the draft's title appears beside it.
    titles = [r.title for r in summary.goal_reviews.all()]
    assert point_citing(summary, facts[2]).review.pk == other.pk
    assert titles.count("Code reviews") == 1 and title not in titles
    cite_it = ReviewPoint.objects.filter(review__summary=summary, citations__entry=facts[2])
    assert {p.review_id for p in cite_it} == {other.pk}
    assert billing_review(summary).title == "Reliable billing"
    assert point_citing(summary, facts[0]).review.goal.slug == "billing"


def test_a_locked_point_is_not_restated_by_a_section_the_model_renamed(
    client_for, fake_llm, anthropic_config
):
    user = make_user()
    summary, _, facts = written(user)
    point = point_citing(summary, facts[2])
    client_for(user).post(
        piece_url(summary, point.review, point.key), {"text": "Reviewed three PRs"}
    )
    restated = [{"text": "Reviewed 3 PRs for search", "refs": ["E3"]}]
    fake_llm.answer(
        {
            "summary_text": "March.",
            "goals": [
                {
                    "goal_ref": None,
                    "title": "Reviews and search",  # the model renamed the section
                    "context": "",
                    "context_refs": [],
                    # The same point again, in the locked one's section.
                    "outputs": restated if point.section == "output" else [],
                    "outcomes": restated if point.section == "outcome" else [],
                }
            ],
        }
    )
    PerfSummary.objects.filter(pk=summary.pk).update(status="pending")

    run_summary(summary, anthropic_config)

    shown = ReviewPoint.objects.filter(review__summary=summary, removed=False)
    assert [p.text for p in shown] == ["Reviewed three PRs"]  # kept once, not restated
    assert "keep the titles of the sections" in prompt_of(fake_llm.requests[0]["body"])


def test_an_edited_point_keeps_its_place_among_the_rewritten_ones(client_for):
    user = make_user()
    days = [D(2026, 3, day) for day in (2, 3, 4)]
    facts = [
        make_entry(user, text=text, date=day)
        for text, day in zip(
            ["Wrote the search RFC", "Built the search index", "Shipped search to staging"],
            days,
            strict=True,
        )
    ]
    summary = make_written_summary(user)
    middle = point_citing(summary, facts[1])
    client_for(user).post(piece_url(summary, middle.review, middle.key), {"text": "Indexed it"})

    client_for(user).post(reverse("perf:summary-regenerate", args=[summary.pk]))
    run_summary(summary, OFFLINE)

    texts = [p.text for p in points(summary.goal_reviews.get(), middle.section)]
    assert texts.index("Indexed it") == 1, texts  # between the two it came between
