"""Editing a written summary: any text in place, locks that survive rewriting, and
rewriting one goal. Generation goes through the real offline provider, or the real anthropic
SDK against the fake server; nothing of perf.llm is mocked."""

import datetime
import json
import re

import pytest
from django.urls import reverse

from conftest import make_entry, make_user
from perf.llm import LLMConfig
from perf.models import Goal, PerfSummary
from perf.services import create_summary, run_summary, summary_markdown

pytestmark = pytest.mark.django_db
D = datetime.date
HTMX = {"HX-Request": "true"}
OFFLINE = LLMConfig(provider="offline")


def written(user):
    """A March summary with two sections: the billing goal and the rest."""
    billing = Goal.objects.create(user=user, title="Reliable billing", slug="billing")
    facts = [
        make_entry(
            user, text="Moved billing to Kafka #billing, lag from 40 s to 2 s", date=D(2026, 3, 3)
        ),  # fmt: skip
        make_entry(user, text="Wrote the billing runbook #billing", date=D(2026, 3, 4)),
        make_entry(user, text="Reviewed 3 PRs for search", date=D(2026, 3, 5)),
    ]
    summary = create_summary(user, start=D(2026, 3, 1), end=D(2026, 3, 31), language="en")
    run_summary(summary, OFFLINE)
    summary.refresh_from_db()
    return summary, billing, facts


def billing_review(summary):
    return summary.goal_reviews.get(goal__slug="billing")


def piece_url(summary, review, part, action=""):
    return reverse("perf:piece-edit", args=[summary.pk, review.pk, part]) + action


def test_editing_a_point_saves_it_locked_and_checks_its_figures(client_for):
    user = make_user()
    summary, _, facts = written(user)
    review = billing_review(summary)
    bullet = review.outputs[0]

    response = client_for(user).post(
        piece_url(summary, review, bullet["id"]),
        {"text": "Moved billing events to Kafka, cutting lag by 95%"},
    )

    review.refresh_from_db()
    edited = review.outputs[0]
    assert response.status_code == 302
    assert response["Location"].endswith(f"#piece-{review.pk}-{bullet['id']}")
    assert edited["text"] == "Moved billing events to Kafka, cutting lag by 95%"
    assert edited["locked"] is True
    assert edited["entry_ids"] == [str(facts[0].pk)]  # still cites its entry
    assert edited["unsupported"] == ["95"]  # its entry never says 95


def test_an_htmx_edit_shows_the_form_then_the_saved_point(client_for):
    user = make_user()
    summary, _, facts = written(user)
    review = billing_review(summary)
    url = piece_url(summary, review, review.outputs[1]["id"])
    client = client_for(user)

    form = client.get(url, headers=HTMX)
    saved = client.post(url, {"text": "Wrote the on-call runbook for billing"}, headers=HTMX)

    assert form.status_code == 200
    assert "Wrote the billing runbook #billing</textarea>" in form.text
    assert saved.status_code == 200
    assert saved.text.strip().startswith(f'<li id="piece-{review.pk}-')
    assert "Wrote the on-call runbook for billing" in saved.text
    assert "edited, kept" in saved.text and "Unlock" in saved.text
    assert facts[1].text in saved.text  # its cited entry is still a click away


def test_without_javascript_the_form_is_a_page_of_its_own(client_for):
    user = make_user()
    summary, _, _ = written(user)

    response = client_for(user).get(reverse("perf:narrative-edit", args=[summary.pk]))

    assert response.status_code == 200
    assert "<h1>Edit the summary</h1>" in response.text
    assert summary.summary_text in response.text


@pytest.mark.parametrize(
    ("part", "text", "message"),
    [
        ("bullet", "   ", "Write something, or remove the point instead."),
        ("title", "", "Write something: this cannot be empty."),
        ("title", "x" * 201, "This can be at most 200 characters long (it has 201)."),
    ],
)
def test_bad_text_is_refused_and_changes_nothing(client_for, part, text, message):
    user = make_user()
    summary, _, _ = written(user)
    review = billing_review(summary)
    before = (review.title, review.outputs)
    name = review.outputs[0]["id"] if part == "bullet" else part

    response = client_for(user).post(piece_url(summary, review, name), {"text": text})

    assert response.status_code == 422
    assert message in response.text
    review.refresh_from_db()
    assert (review.title, review.outputs) == before
    assert not review.title_locked


def test_edited_narrative_and_context_are_locked_and_checked_against_all_entries(client_for):
    user = make_user()
    summary, _, _ = written(user)
    review = billing_review(summary)
    client = client_for(user)

    client.post(
        reverse("perf:narrative-edit", args=[summary.pk]),
        {"text": "A month of billing work: 3 PRs reviewed and 7 incidents closed."},
    )
    client.post(piece_url(summary, review, "context"), {"text": "Lag went from 40 s to 2 s."})
    client.post(piece_url(summary, review, "title"), {"text": "Billing on Kafka"})

    summary.refresh_from_db()
    review.refresh_from_db()
    assert summary.summary_text_locked and summary.summary_unsupported == ["7"]
    assert review.context_locked and review.context_unsupported == []
    assert review.title_locked and review.title == "Billing on Kafka"
    assert "Billing on Kafka" in summary_markdown(summary)


def test_unlocking_and_removing(client_for):
    user = make_user()
    summary, _, _ = written(user)
    review = billing_review(summary)
    first, second = review.outputs[0]["id"], review.outputs[1]["id"]
    client = client_for(user)
    client.post(piece_url(summary, review, first), {"text": "Reworded"})

    unlocked = client.post(piece_url(summary, review, first, "unlock/"), headers=HTMX)
    removed = client.post(piece_url(summary, review, second, "remove/"), headers=HTMX)

    review.refresh_from_db()
    assert unlocked.status_code == 200 and "edited, kept" not in unlocked.text
    assert removed.status_code == 200 and removed.text == ""
    assert [(b["id"], b["text"], b["locked"]) for b in review.outputs] == [
        (first, "Reworded", False)
    ]


def test_rewriting_the_summary_keeps_what_the_user_locked(client_for):
    user = make_user()
    summary, _, facts = written(user)
    review = billing_review(summary)
    client = client_for(user)
    locked_id = review.outputs[0]["id"]
    client.post(piece_url(summary, review, locked_id), {"text": "Moved billing to Kafka"})
    client.post(reverse("perf:narrative-edit", args=[summary.pk]), {"text": "My own words."})
    other_before = summary.goal_reviews.exclude(pk=review.pk).get().outputs

    PerfSummary.objects.filter(pk=summary.pk).update(status="pending")  # "Write it again"
    run_summary(summary, OFFLINE)

    summary.refresh_from_db()
    review = billing_review(summary)
    assert summary.summary_text == "My own words."
    texts = [bullet["text"] for bullet in review.outputs]
    # The locked point stays first; the draft's point on the same entry does not return.
    assert texts == ["Moved billing to Kafka", facts[1].text]
    assert review.outputs[0]["id"] == locked_id
    other = summary.goal_reviews.exclude(pk=review.pk).get()
    assert [b["text"] for b in other.outputs] == [b["text"] for b in other_before]
    assert other.outputs[0]["id"] != other_before[0]["id"]  # written anew


def test_an_unlocked_point_is_replaced_when_written_again(client_for):
    user = make_user()
    summary, _, facts = written(user)
    review = billing_review(summary)
    point = review.outputs[0]["id"]
    client = client_for(user)
    client.post(piece_url(summary, review, point), {"text": "Reworded"})
    client.post(piece_url(summary, review, point, "unlock/"))

    PerfSummary.objects.filter(pk=summary.pk).update(status="pending")
    run_summary(summary, OFFLINE)

    texts = [bullet["text"] for bullet in billing_review(summary).outputs]
    assert texts == [facts[0].text, facts[1].text]


def test_a_locked_goal_the_new_draft_leaves_out_keeps_only_what_was_locked(client_for):
    user = make_user()
    summary, _, facts = written(user)
    review = billing_review(summary)
    client_for(user).post(piece_url(summary, review, review.outputs[1]["id"]), {"text": "Mine"})
    facts[0].delete()
    facts[1].delete()  # nothing of billing is left for the draft

    PerfSummary.objects.filter(pk=summary.pk).update(status="pending")
    run_summary(summary, OFFLINE)

    review.refresh_from_db()
    assert [b["text"] for b in review.outputs] == ["Mine"]
    assert review.outcomes == []


def test_writing_one_goal_again_changes_only_that_goal(
    client_for, django_capture_on_commit_callbacks
):
    user = make_user()
    summary, _, facts = written(user)
    review = billing_review(summary)
    other = summary.goal_reviews.exclude(pk=review.pk).get()
    client = client_for(user)
    client.post(piece_url(summary, review, review.outputs[1]["id"]), {"text": "Runbook, mine"})
    old_ids = [b["id"] for b in review.outputs]
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
    assert [b["text"] for b in review.outputs] == [
        "Runbook, mine",
        facts[0].text,
        late.text,
    ]
    assert review.outputs[1]["id"] not in old_ids  # written anew
    assert summary.goal_reviews.exclude(pk=review.pk).get().outputs == other.outputs
    assert str(late.pk) in summary.sent_entry_ids  # read now: coverage and checks count it


def test_a_goal_is_written_again_from_its_own_entries_with_the_locked_points_sent(
    client_for, fake_llm, anthropic_config
):
    user = make_user()
    summary, billing, facts = written(user)
    review = billing_review(summary)
    locked = review.outputs[1]["id"]
    client_for(user).post(piece_url(summary, review, locked), {"text": "Runbook, mine"})
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

    prompt = fake_llm.requests[0]["body"]["messages"][0]["content"]
    assert "[G1] #billing Reliable billing" in prompt
    assert "Reviewed 3 PRs" not in prompt  # another goal's entry is not sent
    assert "- Reliable billing / output: Runbook, mine (E2)" in prompt
    assert "Rewrite only the section “Reliable billing”" in prompt
    review.refresh_from_db()
    assert review.title == "Reliable billing"  # the section keeps its name
    assert review.context == "Billing lagged."
    assert [b["text"] for b in review.outputs] == ["Runbook, mine", "Moved events to Kafka"]
    assert review.outcomes[0]["entry_ids"] == [str(facts[0].pk)]
    summary.refresh_from_db()
    assert summary.provider == "anthropic" and summary.input_tokens > 0


def test_a_failed_goal_rewrite_keeps_the_goal_as_it_was(fake_llm, anthropic_config):
    from .fake_llm import Step

    user = make_user()
    summary, _, _ = written(user)
    review = billing_review(summary)
    fake_llm.script(Step(status=500), Step(status=500), Step(status=500))
    PerfSummary.objects.filter(pk=summary.pk).update(
        status="pending", rewriting_review_id=review.pk
    )

    run_summary(summary, anthropic_config)

    summary.refresh_from_db()
    assert summary.status == "failed" and "server error" in summary.error
    assert summary.rewriting_review_id is None
    assert billing_review(summary).outputs == review.outputs


def test_texts_wait_while_the_summary_is_being_written_and_typed_text_is_kept(client_for):
    user = make_user()
    summary, _, _ = written(user)
    review = billing_review(summary)
    PerfSummary.objects.filter(pk=summary.pk).update(status="running")
    url = piece_url(summary, review, "title")
    client = client_for(user)

    opened = client.get(url, headers=HTMX)
    plain = client.post(url, {"text": "New title"})
    htmx = client.post(url, {"text": "New title"}, headers=HTMX)

    assert opened.headers["HX-Refresh"] == "true"  # nothing typed yet: show the run
    for response in (plain, htmx):
        assert response.status_code == 422
        assert "This summary is being written again" in response.text
        assert 'value="New title"' in response.text
    review.refresh_from_db()
    assert review.title == "Reliable billing"


def test_a_point_rewritten_under_an_open_editor_gives_the_text_back(client_for):
    user = make_user()
    summary, _, _ = written(user)
    review = billing_review(summary)
    url = piece_url(summary, review, review.outputs[0]["id"])
    client = client_for(user)
    client.get(url, headers=HTMX)  # the editor is open…
    PerfSummary.objects.filter(pk=summary.pk).update(status="pending")
    run_summary(summary, OFFLINE)  # …while the summary is written again

    response = client.post(url, {"text": "My careful wording"}, headers=HTMX)

    assert response.status_code == 422
    assert "rewritten or removed since you opened it" in response.text
    assert "My careful wording</textarea>" in response.text


@pytest.mark.parametrize("action", ["", "unlock/", "remove/"])
def test_a_strangers_summary_and_unknown_points_are_404(client_for, action):
    owner = make_user()
    summary, _, _ = written(owner)
    review = billing_review(summary)
    bullet = piece_url(summary, review, review.outputs[0]["id"], action)

    stranger = client_for(make_user())
    regenerate = reverse("perf:review-regenerate", args=[summary.pk, review.pk])
    assert stranger.post(bullet, {"text": "Mine now"}).status_code == 404
    assert stranger.post(regenerate).status_code == 404
    unknown = piece_url(summary, review, "0" * 32, action)
    expected = 422 if action == "" else 404  # an edit gives its text back (see above)
    assert client_for(owner).post(unknown, {"text": "x"}).status_code == expected
    review.refresh_from_db()
    assert "Mine now" not in json.dumps(review.outputs)


def test_the_written_summary_offers_its_tools(client_for):
    user = make_user()
    summary, _, _ = written(user)
    review = billing_review(summary)

    page = client_for(user).get(reverse("perf:summary-detail", args=[summary.pk]))

    assert page.text.count(">Write this goal again<") == 2
    assert re.search(r"written in \d+\.\d s", page.text)  # the run's latency
    assert f'href="{piece_url(summary, review, "title")}"' in page.text
    assert f'href="{reverse("perf:narrative-edit", args=[summary.pk])}"' in page.text
    assert page.text.count(">Remove<") == sum(
        len(r.outputs) + len(r.outcomes) for r in summary.goal_reviews.all()
    )


def test_a_renamed_section_is_paired_with_its_rewrite_by_the_entries_they_share(client_for):
    user = make_user()
    summary, _, facts = written(user)
    other = summary.goal_reviews.get(goal__isnull=True)
    client_for(user).post(piece_url(summary, other, "title"), {"text": "Code reviews"})

    PerfSummary.objects.filter(pk=summary.pk).update(status="pending")
    run_summary(summary, OFFLINE)  # the draft calls it "Other work" again

    sections = [(r.title, [b["text"] for b in r.outputs]) for r in summary.goal_reviews.all()]
    assert sections == [
        ("Reliable billing", [facts[0].text, facts[1].text]),
        ("Code reviews", [facts[2].text]),
    ]


def test_a_locked_point_is_not_restated_by_a_section_the_model_renamed(
    client_for, fake_llm, anthropic_config
):
    user = make_user()
    summary, _, facts = written(user)
    other = summary.goal_reviews.get(goal__isnull=True)
    client_for(user).post(
        piece_url(summary, other, other.outputs[0]["id"]), {"text": "Reviewed three PRs"}
    )
    fake_llm.answer(
        {
            "summary_text": "March.",
            "goals": [
                {
                    "goal_ref": None,
                    "title": "Reviews and search",  # the model renamed the section
                    "context": "",
                    "context_refs": [],
                    "outputs": [{"text": "Reviewed 3 PRs for search", "refs": ["E3"]}],
                    "outcomes": [],
                }
            ],
        }
    )
    PerfSummary.objects.filter(pk=summary.pk).update(status="pending")

    run_summary(summary, anthropic_config)

    points = [b["text"] for r in summary.goal_reviews.all() for b in r.outputs]
    assert points == ["Reviewed three PRs"]  # kept once, not restated beside itself
    assert (
        "keep the titles of the sections" in fake_llm.requests[0]["body"]["messages"][0]["content"]
    )
