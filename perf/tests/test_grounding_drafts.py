"""A draft, grounded: each point, context and narrative of a model's draft is checked against
the entries it rests on, and a point citing nothing that was sent is dropped. Plain functions
on plain data, no database."""

import datetime

from perf.llm.grounding import ground
from perf.llm.schemas import DraftSummary, EntryData, Evidence, GoalData, SummaryRequest

D = datetime.date


def request(entries, goals=()):
    return SummaryRequest(
        period_start=D(2026, 3, 1),
        period_end=D(2026, 3, 31),
        role="engineer",
        language="en",
        entries=entries,
        goals=list(goals),
    )


def draft(goals, summary_text=""):
    return DraftSummary.model_validate({"goals": goals, "summary_text": summary_text})


def goal(outputs=(), outcomes=(), context="", context_refs=(), goal_ref="G1"):
    return {
        "goal_ref": goal_ref,
        "title": "Reliable billing",
        "outputs": [{"text": text, "refs": refs} for text, refs in outputs],
        "outcomes": [{"text": text, "refs": refs} for text, refs in outcomes],
        "context_refs": list(context_refs),
        "context": context,
    }


def entry(ref, date, text, type="fact"):
    return EntryData(ref=ref, date=date, type=type, text=text)


ENTRIES = [
    entry("E1", D(2026, 3, 3), "Moved billing to Kafka, lag 40 s → 2 s"),
    entry("E2", D(2026, 3, 14), "Reviewed PRs for payments"),
    entry("E3", D(2026, 3, 20), "Cut CI from 20 to 8 minutes"),
    entry("E4", D(2026, 3, 21), "Page the Platform team less", type="plan"),
]
GOALS = [GoalData(ref="G1", title="Reliable billing", tag="billing", description="Lag under 5 s")]


def test_each_point_is_checked_against_its_own_entries_and_their_dates():
    goals, _, _ = ground(
        draft(
            [
                goal(
                    outputs=[("Reviewed 14 PRs", ["E2"]), ("Cut CI to 8 min on March 20", ["e3"])],
                    outcomes=[("Lag from 40 s to 2 s", ["[E3]"])],
                )
            ]
        ),  # fmt: skip
        request(ENTRIES, GOALS),
    )

    outputs, outcomes = goals[0].outputs, goals[0].outcomes
    assert [(b.entry_refs, b.unsupported) for b in outputs] == [(["E2"], ["14"]), (["E3"], [])]
    assert outcomes[0].unsupported == ["40 s", "2 s"]  # E3 says nothing of lag


def test_a_weekly_point_rests_on_each_of_the_entries_it_stands_for():
    week = EntryData(
        ref="E1",
        date=D(2026, 3, 9),
        type="fact",
        text="Reviewed PRs and fixed flaky tests",
        evidence=[
            Evidence(text="Reviewed 4 PRs for search", date=D(2026, 3, 9)),
            Evidence(text="Fixed 2 flaky tests", date=D(2026, 3, 11)),
        ],
    )
    point = ("On March 11 fixed 2 flaky tests; reviewed 4 PRs, 9 in all", ["E1"])

    goals, _, _ = ground(draft([goal(outputs=[point])]), request([week]))

    assert goals[0].outputs[0].unsupported == ["9"]


def test_a_context_rests_on_its_cited_entries_and_its_goals_description():
    context = "Lag was 40 s and had to get under 5 s; the Platform team was paged"

    goals, _, _ = ground(
        draft(
            [
                goal(
                    outputs=[("Moved billing to Kafka", ["E1"])],
                    context=context,
                    context_refs=["[e1]", "E4", "E99"],
                )
            ]
        ),  # fmt: skip
        request(ENTRIES, GOALS),
    )

    assert goals[0].context_refs == ["E1", "E4"]  # a plan may say why; E99 was never sent
    assert goals[0].context_unsupported == []

    goals, _, _ = ground(
        draft([goal(outputs=[("Moved billing to Kafka", ["E1"])], context=context)]),
        request(ENTRIES, GOALS),
    )

    assert goals[0].context_unsupported == ["40 s", "Platform team"]


def test_a_context_of_a_proposed_goal_has_no_description_to_rest_on():
    goals, _, _ = ground(
        draft(
            [
                goal(
                    outputs=[("Moved billing to Kafka", ["E1"])],
                    context="Keep lag under 5 s",
                    goal_ref=None,
                )
            ]
        ),  # fmt: skip
        request(ENTRIES, GOALS),
    )

    assert goals[0].context_unsupported == ["5 s"]


def test_the_narrative_rests_on_what_the_review_cites_not_on_the_whole_period():
    points = [("Moved billing to Kafka", ["E1"])]
    narrative = "In March lag fell from 40 s to 2 s, under the 5 s goal, and CI took 8 min"

    goals, summary_unsupported, ungrounded = ground(
        draft([goal(outputs=points)], narrative), request(ENTRIES, GOALS)
    )

    assert summary_unsupported == ["8 min"]  # E3 was sent, but nothing cites it
    assert ungrounded == 0


def test_a_dropped_point_leaves_its_entries_out_of_the_narratives_sources():
    answer = draft(
        [goal(outputs=[("Moved billing to Kafka", ["E1"]), ("Sped up CI", ["E4", "E9"])])],
        "CI went from 20 to 8 minutes",
    )

    goals, summary_unsupported, ungrounded = ground(answer, request(ENTRIES, GOALS))

    assert [b.text for b in goals[0].outputs] == ["Moved billing to Kafka"]
    assert ungrounded == 1
    assert summary_unsupported == ["20", "8 minutes"]
