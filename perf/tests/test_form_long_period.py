"""A review form over a period too long for one prompt goes through the weekly summaries
as a period summary does, reusing the stored ones, and its answers' citations resolve
through the weeks to the original facts."""

import datetime
import json

import pytest

from conftest import make_entry, make_user
from perf.llm import LLMConfig
from perf.models import WeekSummary
from perf.review_forms import create_form, user_form
from perf.services.summaries import create_summary, run_summary

from .conftest import sent_lines
from .fake_llm import Step
from .test_weekly_route import cited_refs, is_week, long_journal

pytestmark = pytest.mark.django_db
D = datetime.date
QUESTIONS = [
    {"text": "What did you ship?", "limit": 1500},
    {"text": "Where did you help others?", "limit": 1000},
]


@pytest.fixture
def small_budget(anthropic_config):
    # Over the prompt of six weeks of entries, under that of their six weekly points.
    return LLMConfig(**{**anthropic_config.__dict__, "input_budget": 800, "concurrency": 3})


def answer_everything(body) -> Step:
    """Weeks' points citing every fact sent; a form's answers each citing them all."""
    refs = cited_refs(body)
    if is_week(body):
        answer = {"bullets": [{"text": f"Week work ({len(refs)} facts)", "refs": refs}]}
    else:
        answer = {
            "answers": [
                {"question_ref": f"Q{n}", "points": [{"text": "Did the work", "refs": refs}]}
                for n in range(1, len(QUESTIONS) + 1)
            ]
        }
    return Step(text=json.dumps(answer), input_tokens=10 * len(refs))


def test_a_long_form_goes_through_the_weeks_and_reuses_them(fake_llm, small_budget):
    user = make_user(language="en")
    entries, edge = long_journal(user)
    form = user_form(create_form(user, "Acme", QUESTIONS))
    fake_llm.respond(answer_everything)
    period = {"start": D(2026, 3, 1), "end": D(2026, 4, 12)}  # six full weeks

    first = create_summary(user, **period, form=form)
    run_summary(first, small_budget)
    make_entry(user, text="One more fact in the third week", date=D(2026, 3, 18))
    again = create_summary(user, **period, form=form)
    run_summary(again, small_budget)

    first.refresh_from_db()
    again.refresh_from_db()
    assert first.status == "done", first.error
    assert (first.weeks_used, first.weeks_reused, first.llm_calls) == (6, 0, 7)
    # One week changed: it alone is written again, then the form's one call.
    assert (again.weeks_used, again.weeks_reused, again.llm_calls) == (6, 5, 2)
    final = fake_llm.requests[-1]["body"]
    assert sum(line.startswith("S") for line in sent_lines(final)) == 6
    facts = {str(e.pk) for week in entries.values() for e in week if e.type == "fact"}
    for answer in first.goal_reviews.order_by("position"):
        [point] = answer.points.all()
        assert set(point.cited_entry_ids()) == facts | {str(edge.pk)}
    assert WeekSummary.objects.filter(user=user, status="done").count() == 6


def test_writing_one_answer_again_over_a_long_period_goes_through_the_weeks(fake_llm, small_budget):
    user = make_user(language="en")
    long_journal(user)
    form = user_form(create_form(user, "Acme", QUESTIONS))
    fake_llm.respond(answer_everything)
    summary = create_summary(user, start=D(2026, 3, 1), end=D(2026, 4, 12), form=form)
    run_summary(summary, small_budget)
    second = summary.goal_reviews.get(position=1)
    summary.__class__.objects.filter(pk=summary.pk).update(
        status="pending", rewriting_review_id=second.pk
    )
    asked = len(fake_llm.requests)

    run_summary(summary.__class__.objects.get(pk=summary.pk), small_budget)

    summary.refresh_from_db()
    rewrite = fake_llm.requests[asked:]
    assert summary.status == "done", summary.error
    # The six stored weeks are reused: the rewrite is one call, of weekly points.
    assert len(rewrite) == 1
    assert sum(line.startswith("S") for line in sent_lines(rewrite[0]["body"])) == 6
