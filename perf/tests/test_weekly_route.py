"""A period summary of a journal too long for one prompt, written through weekly summaries:
weeks written a bounded number at once and reused until their entries, language or role
change, cut weeks sent as entries, citations resolved to the original facts, a failing week
failing the summary whole. The real SDKs talk to the fake server; nothing of perf.llm is
mocked."""

import datetime
import json
import re

import pytest

from conftest import make_entry, make_goal, make_point, make_user
from perf.llm import LLMConfig
from perf.models import GoalReview, PartialWeekSummary, PerfSummary, WeekSummary
from perf.services.summaries import create_summary, run_summary

from .conftest import sent_lines
from .fake_llm import Step, cached_prefix, prompt_of

pytestmark = pytest.mark.django_db
D = datetime.date
MONDAY = D(2026, 3, 2)  # 2026-W10


def is_week(body) -> bool:
    """A weekly summary's request: its answer schema has points, not goals."""
    return "bullets" in body["output_config"]["format"]["schema"]["properties"]


def cited_refs(body) -> list[str]:
    """The fact references (E or S) a request sends."""
    return [
        line.split()[0]
        for line in sent_lines(body)
        if re.match(r"[ES]\d+ ", line) and " plan: " not in line
    ]


def answer_all(body) -> Step:
    """A model that cites every fact it is sent: a week's points, or a summary's goal."""
    refs = cited_refs(body)
    if is_week(body):
        answer = {"bullets": [{"text": f"Week work ({len(refs)} facts)", "refs": refs}]}
    else:
        answer = {
            "summary_text": "A long stretch of work.",
            "goals": [
                {
                    "goal_ref": None,
                    "title": "All the work",
                    "context": "",
                    "context_refs": [],
                    "outputs": [{"text": "Did the work", "refs": refs}],
                    "outcomes": [],
                }
            ],
        }
    return Step(text=json.dumps(answer), input_tokens=10 * len(refs))


def long_journal(user, weeks=6):
    """Two facts and a plan in each week from Monday 2026-03-02, and facts on the edges."""
    entries = {}
    for n in range(weeks):
        monday = MONDAY + datetime.timedelta(weeks=n)
        entries[monday] = [
            make_entry(user, text=f"Shipped part {n} of billing", date=monday),
            make_entry(
                user,
                text=f"Reviewed {n + 2} PRs for the payments service, with notes on retries, "
                "idempotency keys and the alerts the on-call team asked for; paired with the "
                "new engineer on the consumer's back-pressure and wrote down what we learned "
                "about the partition count, the lag dashboards and the runbook for replays",
                date=monday + datetime.timedelta(2),
            ),
            make_entry(user, type="plan", text=f"Plan {n}", date=monday + datetime.timedelta(3)),
        ]
    edge = make_entry(user, text="Kick-off on Sunday", date=MONDAY - datetime.timedelta(1))
    return entries, edge


@pytest.fixture
def small_budget(anthropic_config):
    # Over the prompt of six weeks of entries, under that of their six weekly points.
    return LLMConfig(**{**anthropic_config.__dict__, "input_budget": 800, "concurrency": 3})


def test_a_journal_over_the_budget_goes_through_weekly_summaries(fake_llm, small_budget):
    user = make_user(language="en")
    entries, edge = long_journal(user)
    fake_llm.respond(answer_all)
    summary = create_summary(user, start=D(2026, 3, 1), end=D(2026, 4, 12))  # 6 full weeks

    run_summary(summary, small_budget)

    summary.refresh_from_db()
    assert summary.status == "done", summary.error
    assert (summary.weeks_used, summary.weeks_reused, summary.llm_calls) == (6, 0, 7)
    final = fake_llm.requests[-1]["body"]
    lines = sent_lines(final)
    assert "E1 Kick-off on Sunday" in lines  # the cut week goes as entries
    assert sum(line.startswith("S") for line in lines) == 6
    assert not any("Shipped part" in line for line in lines)
    # The final citations resolve, through the weeks, to the original facts.
    review = GoalReview.objects.get(summary=summary)
    facts = {str(e.pk) for week in entries.values() for e in week if e.type == "fact"}
    [point] = review.points.all()
    assert set(point.cited_entry_ids()) == facts | {str(edge.pk)}
    assert WeekSummary.objects.filter(user=user, status="done").count() == 6
    # Each call's tokens, those of the prompt it wrote to or read from the cache included.
    assert summary.input_tokens == sum(
        10 * len(cited_refs(r["body"])) + len(cached_prefix(r["body"])) // 4
        for r in fake_llm.requests
    )


def test_a_week_is_written_from_its_facts_and_its_plans_go_nowhere(fake_llm, small_budget):
    user = make_user(language="en")
    long_journal(user)
    fake_llm.respond(answer_all)

    run_summary(create_summary(user, start=D(2026, 3, 1), end=D(2026, 4, 12)), small_budget)

    sent = [line for r in fake_llm.requests for line in sent_lines(r["body"])]
    assert any("Shipped part 3 of billing" in line for line in sent)
    assert not any("Plan 3" in line for line in sent)  # in no week's prompt, nor the period's


def test_the_summary_page_says_how_it_was_made(client_for, fake_llm, small_budget):
    user = make_user(language="en")
    long_journal(user)
    fake_llm.respond(answer_all)
    summary = run_summary(
        create_summary(user, start=D(2026, 3, 1), end=D(2026, 4, 12)), small_budget
    )

    page = client_for(user).get(f"/perf/{summary.pk}/").text

    assert "through 6 weekly summaries (0 reused), 7 LLM calls" in page


def test_after_one_entry_changes_only_its_week_is_written_again(fake_llm, small_budget):
    user = make_user(language="en")
    entries, _ = long_journal(user)
    fake_llm.respond(answer_all)
    start, end = D(2026, 3, 1), D(2026, 4, 12)
    run_summary(create_summary(user, start=start, end=end), small_budget)
    edited = entries[MONDAY + datetime.timedelta(weeks=2)][0]
    edited.text = "Shipped part 2 of billing, 30% faster"
    edited.save()
    fake_llm.requests.clear()

    summary = run_summary(create_summary(user, start=start, end=end), small_budget)

    assert (summary.weeks_used, summary.weeks_reused, summary.llm_calls) == (6, 5, 2)
    week_call, final_call = (r["body"] for r in fake_llm.requests)
    assert "E1 Shipped part 2 of billing, 30% faster" in sent_lines(week_call)
    assert not is_week(final_call)


def test_weeks_are_written_a_bounded_number_at_once(fake_llm, small_budget):
    user = make_user(language="en")
    long_journal(user, weeks=8)

    def slow(body):
        step = answer_all(body)
        step.delay = 0.2
        return step

    fake_llm.respond(slow)
    summary = create_summary(user, start=D(2026, 3, 1), end=D(2026, 4, 26))

    run_summary(summary, LLMConfig(**{**small_budget.__dict__, "concurrency": 3}))

    assert fake_llm.most_in_flight == 3  # in parallel, never more than allowed
    summary.refresh_from_db()
    assert summary.status == "done" and summary.llm_calls == 9


def test_a_failing_week_fails_the_summary_with_nothing_half_written(fake_llm, small_budget):
    user = make_user(language="en")
    long_journal(user)
    summary = create_summary(user, start=D(2026, 3, 1), end=D(2026, 4, 12))

    def one_week_fails(body):
        if "Shipped part 3" in json.dumps(body, ensure_ascii=False):
            return Step(status=500)
        return answer_all(body)

    fake_llm.respond(one_week_fails)
    config = LLMConfig(**{**small_budget.__dict__, "max_retries": 0})

    run_summary(summary, config)

    summary.refresh_from_db()
    assert summary.status == "failed" and "server error" in summary.error
    assert not GoalReview.objects.filter(summary=summary).exists()
    assert summary.summary_text == ""
    # The other weeks were written whole and are kept for the next try.
    assert WeekSummary.objects.filter(status="done").count() == 5
    assert all(is_week(r["body"]) for r in fake_llm.requests)


def test_a_journal_within_the_budget_is_summarised_directly(fake_llm, anthropic_config):
    user = make_user(language="en")
    long_journal(user, weeks=2)
    fake_llm.respond(answer_all)

    summary = run_summary(
        create_summary(user, start=D(2026, 3, 1), end=D(2026, 3, 15)), anthropic_config
    )

    assert (summary.weeks_used, summary.llm_calls) == (0, 1)
    assert len(fake_llm.requests) == 1
    assert not WeekSummary.objects.exists()


def test_left_out_entries_keep_their_week_out_of_the_weekly_route(fake_llm, small_budget):
    user = make_user(language="en")
    entries, _ = long_journal(user)
    noise = entries[MONDAY][1]
    fake_llm.respond(answer_all)
    summary = create_summary(
        user, start=D(2026, 3, 1), end=D(2026, 4, 12), exclude_entry_ids=[noise.pk]
    )

    run_summary(summary, small_budget)

    summary.refresh_from_db()
    assert summary.weeks_used == 5  # the first week goes as its entries, without the noise
    final_lines = sent_lines(fake_llm.requests[-1]["body"])
    assert any("Shipped part 0" in line for line in final_lines)
    assert not any(
        "Reviewed 2 PRs" in line for r in fake_llm.requests for line in sent_lines(r["body"])
    )
    assert PerfSummary.objects.get().status == "done"


def test_weeks_written_in_another_language_or_role_are_not_reused(fake_llm, small_budget):
    user = make_user(language="en")
    long_journal(user)
    fake_llm.respond(answer_all)
    start, end = D(2026, 3, 1), D(2026, 4, 12)
    run_summary(create_summary(user, start=start, end=end), small_budget)
    user.profile.language = "ru"
    user.profile.save()

    summary = run_summary(create_summary(user, start=start, end=end), small_budget)

    assert summary.status == "done", summary.error
    assert summary.weeks_reused == 0
    assert set(WeekSummary.objects.values_list("language", flat=True)) == {"ru"}


def test_weekly_points_carry_the_goal_links_of_their_entries(fake_llm, small_budget):

    user = make_user(language="en")
    entries, _ = long_journal(user)
    goal = make_goal(user=user, title="Payments", slug="payments")
    goal.entries.add(entries[MONDAY][1])
    fake_llm.respond(answer_all)

    run_summary(create_summary(user, start=D(2026, 3, 1), end=D(2026, 4, 12)), small_budget)

    final = sent_lines(fake_llm.requests[-1]["body"])
    assert final[final.index("2026-03-02") + 1].startswith("S1 (G1) ")


def test_a_period_of_cut_weeks_over_the_budget_summarises_them_too(fake_llm, small_budget):
    user = make_user(language="en")
    entries, _ = long_journal(user)
    fake_llm.respond(answer_all)
    # One entry left out of every week: no week is whole, all would go as entries.
    left_out = [week[2].pk for week in entries.values()]
    summary = create_summary(
        user, start=D(2026, 3, 1), end=D(2026, 4, 12), exclude_entry_ids=left_out
    )

    run_summary(summary, small_budget)

    summary.refresh_from_db()
    assert summary.status == "done" and summary.weeks_used == 7
    final = sent_lines(fake_llm.requests[-1]["body"])
    assert not any(line.startswith("E") for line in final)
    assert not WeekSummary.objects.exists()  # the Feed's weeks are whole ones
    # Kept by their spans (test_partial_weeks.py): the same summary again costs one call.
    assert PartialWeekSummary.objects.count() == 7
    fake_llm.requests.clear()
    again = create_summary(
        user, start=D(2026, 3, 1), end=D(2026, 4, 12), exclude_entry_ids=left_out
    )
    assert run_summary(again, small_budget).llm_calls == len(fake_llm.requests) == 1


def test_removed_points_go_to_the_period_prompt_only_cited_through_their_weeks(
    fake_llm, small_budget
):
    user = make_user(language="en")
    entries, _edge = long_journal(user)
    fake_llm.respond(answer_all)
    summary = run_summary(
        create_summary(user, start=D(2026, 3, 1), end=D(2026, 4, 12)), small_budget
    )
    review = GoalReview.objects.get(summary=summary)
    fact = entries[MONDAY + datetime.timedelta(weeks=1)][0]
    make_point(review, fact, text="Shipped part 1", removed=True)
    WeekSummary.objects.filter(user=user).delete()  # the weeks are asked for again
    PerfSummary.objects.filter(pk=summary.pk).update(status="pending")
    fake_llm.requests.clear()

    run_summary(summary, small_budget)

    weeks = [r["body"] for r in fake_llm.requests if is_week(r["body"])]
    assert weeks and not any("Points the user removed" in prompt_of(body) for body in weeks)
    final = prompt_of(fake_llm.requests[-1]["body"])
    removed = final.split("do not write them again, in any wording:\n")[1].splitlines()[0]
    # Its entry is sent inside the second week's point: it is cited by that S-reference.
    assert re.fullmatch(r"- All the work: Shipped part 1 \(S\d+\)", removed)
