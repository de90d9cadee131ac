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

    assert "Evidence per question" in page
    assert page.count("<strong>missing</strong>") + page.count("<strong>thin</strong>") == len(
        form.questions
    )  # one fact cannot make any competency's evidence more than thin
