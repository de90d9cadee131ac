"""Weeks cut by a period's ends (or by entries left out) are stored too, by their own span:
a re-run with no change costs the final call only, and after one edit exactly one weekly
call and the final one, wherever the edit is; a cut week is written again when its
language or role changes, replaces what its span held, and never shows on the Feed. The
real SDK talks to the fake server; nothing of perf.llm is mocked."""

import datetime

import pytest
from django.urls import reverse

from conftest import make_entry, make_user
from perf.llm import LLMConfig
from perf.models import PartialWeekSummary, WeekSummary
from perf.services.summaries import create_summary, run_summary

from .conftest import sent_lines
from .test_weekly_route import MONDAY, answer_all, is_week, long_journal

pytestmark = pytest.mark.django_db
D = datetime.date
# From a Tuesday to a Thursday: the first and the last week are cut, four are whole.
START, END = D(2026, 3, 3), D(2026, 4, 9)
FIRST, LAST = MONDAY, MONDAY + datetime.timedelta(weeks=5)


@pytest.fixture
def small_budget(anthropic_config):
    # Under the prompt of the four whole weeks' points with the cut weeks' entries.
    return LLMConfig(**{**anthropic_config.__dict__, "input_budget": 500, "concurrency": 3})


def calls(fake_llm):
    """(weekly calls, other calls) the fake server answered since it was last cleared."""
    bodies = [request["body"] for request in fake_llm.requests]
    weekly = sum(is_week(body) for body in bodies)
    return weekly, len(bodies) - weekly


def summarise(user, config, **options):
    summary = run_summary(create_summary(user, start=START, end=END, **options), config)
    assert summary.status == "done", summary.error
    return summary


@pytest.fixture
def written_once(fake_llm, small_budget):
    """A user whose cut period was summarised once: every week written, the cut ones too."""
    user = make_user(language="en")
    entries, _ = long_journal(user)
    fake_llm.respond(answer_all)
    summary = summarise(user, small_budget)
    assert calls(fake_llm) == (6, 1)
    assert (summary.weeks_used, summary.weeks_reused, summary.llm_calls) == (6, 0, 7)
    fake_llm.requests.clear()
    return user, entries


def test_a_rerun_with_no_change_costs_the_final_call_only(fake_llm, small_budget, written_once):
    user, _ = written_once

    summary = summarise(user, small_budget)

    assert calls(fake_llm) == (0, 1)
    assert (summary.weeks_used, summary.weeks_reused, summary.llm_calls) == (6, 6, 1)
    # The final prompt is made of the six weeks' points, the cut ones' as stored.
    assert not any(line.startswith("E") for line in sent_lines(fake_llm.requests[0]["body"]))


@pytest.mark.parametrize("week", [FIRST, MONDAY + datetime.timedelta(weeks=2), LAST])
def test_after_one_edit_a_rerun_writes_that_week_only(fake_llm, small_budget, written_once, week):
    user, entries = written_once
    edited = entries[week][1]  # the Wednesday's fact: inside the period in every week
    edited.text += " (and the runbook)"
    edited.save()

    summary = summarise(user, small_budget)

    assert calls(fake_llm) == (1, 1)
    assert (summary.weeks_used, summary.weeks_reused, summary.llm_calls) == (6, 5, 2)
    assert any(line.endswith("(and the runbook)") for line in sent_lines(
        fake_llm.requests[0]["body"]
    ))  # fmt: skip


def test_a_cut_week_is_kept_by_its_span_and_never_shown_on_the_feed(
    client_for, fake_llm, small_budget, written_once
):
    user, entries = written_once
    entries[LAST][0].text += " twice"
    entries[LAST][0].save()
    summarise(user, small_budget)  # the last span written again, over what it held

    spans = PartialWeekSummary.objects.filter(user=user).order_by("start")
    assert [(p.week_start, p.start, p.end) for p in spans] == [
        (FIRST, START, FIRST + datetime.timedelta(6)),
        (LAST, LAST, END),
    ]
    assert set(WeekSummary.objects.values_list("week_start", flat=True)) == {
        MONDAY + datetime.timedelta(weeks=n) for n in range(1, 5)
    }
    feed = client_for(user).get(reverse("journal:feed"), {"start": "2026-03-02"}).text
    assert "Week work" in feed  # a whole week's card…
    page = client_for(user).get(reverse("journal:feed"), {"start": "2026-04-06"}).text
    assert "Week work" not in page  # …but none for the cut one


@pytest.mark.parametrize("field, value", [("language", "ru"), ("role", "manager")])
def test_a_cut_week_written_in_another_language_or_role_is_written_again(
    fake_llm, small_budget, written_once, field, value
):
    user, _ = written_once
    setattr(user.profile, field, value)
    user.profile.save()

    summary = summarise(user, small_budget)

    assert calls(fake_llm) == (6, 1)  # whole and cut weeks alike
    assert summary.weeks_reused == 0
    assert set(PartialWeekSummary.objects.values_list(field, flat=True)) == {value}


def test_a_week_keeps_a_few_spans_of_the_periods_that_cut_it(fake_llm, small_budget):
    user = make_user(language="en")
    long_journal(user)
    for day in range(6):  # a fact every day of the last week: each end cuts it elsewhere
        make_entry(user, text=f"Day {day} of the last week", date=LAST + datetime.timedelta(day))
    fake_llm.respond(answer_all)

    for day in range(6):
        end = LAST + datetime.timedelta(day)
        run_summary(create_summary(user, start=START, end=end), small_budget)

    kept = PartialWeekSummary.objects.filter(user=user, week_start=LAST)
    assert kept.count() == PartialWeekSummary.KEPT_PER_WEEK
    assert max(kept.values_list("end", flat=True)) == LAST + datetime.timedelta(5)
