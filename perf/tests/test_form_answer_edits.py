"""A form's answers are edited as a goal's points are: an edited point is kept (locked) and
checked, the count follows it, and writing the answer again keeps it. The page says which
questions have thin or missing evidence."""

import datetime

import pytest
from django.urls import reverse

from conftest import make_entry, make_user
from perf.llm import LLMConfig
from perf.review_forms import create_form, find_form, user_form
from perf.services.summaries import create_summary, run_summary

pytestmark = pytest.mark.django_db
D = datetime.date
OFFLINE = LLMConfig(provider="offline")


def written(user, form):
    summary = create_summary(user, start=D(2026, 3, 1), end=D(2026, 3, 31), form=form)
    run_summary(summary, OFFLINE)
    summary.refresh_from_db()
    return summary


def test_an_edited_answer_point_is_kept_checked_and_counted(client_for):
    user = make_user(language="en")
    make_entry(user, text="Moved billing events to Kafka, lag 40 s → 2 s", date=D(2026, 3, 3))
    form = user_form(
        create_form(user, "Acme", [{"text": "Your most important accomplishments?", "limit": 400}])
    )
    summary = written(user, form)
    answer = summary.goal_reviews.get()
    point = answer.points.get()
    client = client_for(user)

    edited = client.post(
        reverse("perf:piece-edit", args=[summary.pk, answer.pk, point.key]),
        {"text": "Moved billing events to Kafka, cutting lag by 95% for 12 teams"},
    )
    assert edited.status_code == 302, edited.content.decode()[:3000]
    page = client.get(reverse("perf:summary-detail", args=[summary.pk])).text
    PerfSummaryRun = summary.__class__
    PerfSummaryRun.objects.filter(pk=summary.pk).update(
        status="pending", rewriting_review_id=answer.pk
    )
    run_summary(PerfSummaryRun.objects.get(pk=summary.pk), OFFLINE)

    point.refresh_from_db()
    assert point.locked and point.section == "answer"
    assert any("12" in item for item in point.unsupported)  # no entry says 12 teams
    text = "Moved billing events to Kafka, cutting lag by 95% for 12 teams"
    assert f"{len(text)} / 400 characters" in page and f'data-copy-text="{text}"' in page
    assert list(answer.points.filter(removed=False).values_list("text", flat=True)) == [text]


def test_a_promotion_packet_says_which_competencies_have_thin_or_missing_evidence(client_for):
    user = make_user(language="en")
    fact = "Designed the sharding of the events store for 10x growth"
    make_entry(user, text=fact, date=D(2026, 3, 3))
    form = find_form(user, "promotion", "en", "engineer")
    summary = written(user, form)

    page = client_for(user).get(reverse("perf:summary-detail", args=[summary.pk])).text

    panel = page.split("Evidence per question")[1].split("</section>")[0]
    # One fact cannot make any competency's evidence more than thin.
    assert panel.count('class="answers-evidence__short"') == len(form.questions)
    assert "No entry cited: evidence missing" in panel or "thin evidence" in panel


HTMX = {"HX-Request": "true"}


def test_an_inline_edit_or_removal_sends_the_answers_count_and_copy_again(client_for):
    user = make_user(language="en")
    make_entry(user, text="Moved billing events to Kafka, lag 40 s → 2 s", date=D(2026, 3, 3))
    make_entry(user, text="Wrote the billing runbook for on-call", date=D(2026, 3, 4))
    questions = [{"text": "Your most important accomplishments?", "limit": 400}]
    summary = written(user, user_form(create_form(user, "Acme", questions)))
    answer = summary.goal_reviews.get()
    first, second = answer.points.order_by("position")
    client = client_for(user)
    edited_text = "Moved billing events to Kafka, cutting lag from 40 s to 2 s"

    edited = client.post(
        reverse("perf:piece-edit", args=[summary.pk, answer.pk, first.key]),
        {"text": edited_text},
        headers=HTMX,
    )
    removed = client.post(
        reverse("perf:piece-remove", args=[summary.pk, answer.pk, second.key]), headers=HTMX
    )

    meta = f'id="answer-meta-{answer.pk}" hx-swap-oob="true"'
    both = f"{edited_text}\n{second.text}"
    assert meta in edited.text and f'data-copy-text="{both}"' in edited.text
    assert f"{len(both)} / 400 characters" in edited.text
    assert meta in removed.text and f'data-copy-text="{edited_text}"' in removed.text
    assert f"{len(edited_text)} / 400 characters" in removed.text


def test_a_long_questions_kept_points_still_count_against_its_limit(fake_llm, anthropic_config):
    user = make_user(language="en")
    make_entry(user, text="Moved billing events to Kafka, lag 40 s → 2 s", date=D(2026, 3, 3))
    question = "Describe  your accomplishments, " + "with the context a reviewer needs, " * 8
    form = user_form(create_form(user, "Acme", [{"text": question, "limit": 300}]))
    fake_llm.answer(
        {"answers": [{"question_ref": "Q1", "points": [{"text": "Kafka", "refs": ["E1"]}]}]}
    )
    summary = create_summary(user, start=D(2026, 3, 1), end=D(2026, 3, 31), form=form)
    run_summary(summary, anthropic_config)
    answer = summary.goal_reviews.get()
    answer.points.update(locked=True, text="K" * 250)
    summary.__class__.objects.filter(pk=summary.pk).update(
        status="pending", rewriting_review_id=answer.pk
    )
    fake_llm.answer(
        {"answers": [{"question_ref": "Q1", "points": [{"text": "Kafka again", "refs": ["E1"]}]}]}
    )

    run_summary(summary.__class__.objects.get(pk=summary.pk), anthropic_config)

    prompt = str(fake_llm.requests[-1]["body"])
    assert len(question) > 200  # longer than a review's title
    assert "(at most 49 characters)" in prompt  # 300, less the kept 250 and its line


def test_polishing_an_answers_point_locks_it_and_sends_its_count_again(client_for):
    user = make_user(language="en")
    make_entry(user, text="just cut CI time from 20 to 8 minutes", date=D(2026, 3, 3))
    questions = [{"text": "Your most important accomplishments?", "limit": 400}]
    summary = written(user, user_form(create_form(user, "Acme", questions)))
    answer = summary.goal_reviews.get()
    point = answer.points.get()
    url = reverse("perf:piece-polish", args=[summary.pk, answer.pk, point.key])
    client = client_for(user)

    proposal = client.post(url, headers=HTMX)
    accepted = client.post(
        url, {"accept": "1", "text": "Cut CI time from 20 to 8 minutes"}, headers=HTMX
    )

    point.refresh_from_db()
    assert ">Cut CI time from 20 to 8 minutes</textarea>" in proposal.text
    assert (point.text, point.locked) == ("Cut CI time from 20 to 8 minutes", True)
    assert f'id="answer-meta-{answer.pk}" hx-swap-oob="true"' in accepted.text
    assert "32 / 400 characters" in accepted.text
