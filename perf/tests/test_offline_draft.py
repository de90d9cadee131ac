"""The offline draft of a period: honest, no network, and an evidence brief worth reading:
facts grouped by goal, tag and shared words, plans never outputs, measured results as
outcomes, every fact cited once, routine as one counted point, contexts, a manager's and a
Russian or English draft, a rewritten section, a week, and what the user removed or kept."""

import datetime

from django.utils import formats, translation

from perf.llm import generate_summary
from perf.llm.offline import summarize_week
from perf.llm.schemas import EntryData, GoalData, KeptPoint, SummaryRequest

from .conftest import OFFLINE, make_request
from .journals import TITLES
from .offline_facts import BILLING_EVENTS, INTERNS, facts_request, groups_of

JOURNAL = [
    ("plan", "Перевести биллинг на Kafka", []),
    ("fact", "Перевёл события биллинга на Kafka, задержка с 40 с до 2 с", ["G1"]),
    ("fact", "Настроил алерты на отставание консьюмеров биллинга #billing", ["G1"]),
    ("fact", "Провёл собеседование с кандидатом в бэкенд #hiring", []),
    ("fact", "Second interview loop for the SRE role #hiring", []),
    ("fact", "Ускорил медленный отчёт по платежам: 12 минут вместо 45", []),
    ("fact", "Переписал отчёт по возвратам на батчевую выгрузку", []),
    ("fact", "Обновил отчёт по платежам для финансов, добавил фильтры", []),
    ("fact", "Mostly meetings", []),
    ("fact", "Mostly meetings today", []),
    ("fact", "mostly meetings.", []),
    ("plan", "Подготовить демо", []),
]


# The journal above as the LLM layer gets it, two entries a day from 2 March, in Russian.
FORTNIGHT = SummaryRequest(
    period_start=datetime.date(2026, 3, 2),
    period_end=datetime.date(2026, 3, 15),
    role="engineer",
    language="ru",
    entries=[
        EntryData(
            ref=f"E{n}",
            date=datetime.date(2026, 3, 2) + datetime.timedelta(days=n // 2),
            type=type_,
            text=text,
            goal_refs=goals,
        )
        for n, (type_, text, goals) in enumerate(JOURNAL, start=1)
    ],
    goals=[GoalData(ref="G1", title="Надёжный биллинг", tag="billing", description="")],
)


def points_of(result):
    return [b for goal in result.goals for b in goal.outputs + goal.outcomes]


def written(day, language):
    with translation.override(language):
        return formats.date_format(day, "DATE_FORMAT")


def test_it_groups_facts_by_goal_then_tag_then_shared_words():
    result = generate_summary(make_request(FORTNIGHT), OFFLINE)

    groups = groups_of(result)
    assert sorted(groups["Надёжный биллинг"]) == ["E2", "E3"]
    assert sorted(groups["Hiring"]) == ["E4", "E5"]
    reports = next(title for title, refs in groups.items() if sorted(refs) == ["E6", "E7", "E8"])
    assert reports.startswith("Отчёт")
    assert result.goals[0].goal_ref == "G1"
    assert list(groups)[-1] == "Рутинная работа"


def test_plans_are_never_outputs():
    result = generate_summary(make_request(FORTNIGHT), OFFLINE)

    cited = {ref for point in points_of(result) for ref in point.entry_refs}
    assert "E1" not in cited and "E12" not in cited


def test_a_measured_result_is_an_outcome_not_an_output():
    result = generate_summary(make_request(FORTNIGHT), OFFLINE)

    outcomes = {ref for goal in result.goals for b in goal.outcomes for ref in b.entry_refs}
    outputs = {ref for goal in result.goals for b in goal.outputs for ref in b.entry_refs}
    assert outcomes == {"E2", "E6"}
    assert not outcomes & outputs


def test_every_fact_is_cited_by_exactly_one_point():
    result = generate_summary(make_request(FORTNIGHT), OFFLINE)

    cited = [ref for point in points_of(result) for ref in point.entry_refs]
    facts = [entry.ref for entry in make_request(FORTNIGHT).entries if entry.type == "fact"]
    assert sorted(cited) == sorted(facts)


def test_a_repeated_fact_is_one_routine_point_with_its_count_and_dates():
    start = datetime.date(2026, 1, 5)
    entries = [
        EntryData(ref=f"E{n}", date=start + datetime.timedelta(weeks=n), type="fact", text=text)
        for n, text in enumerate(
            ["Budget planning with finance"] * 13 + ["budget planning w/ finance"]
        )
    ] + [EntryData(ref="E99", date=start, type="fact", text="Cut CI time from 25 to 9 minutes")]
    request = SummaryRequest(
        period_start=start,
        period_end=start + datetime.timedelta(weeks=20),
        role="engineer",
        language="en",
        entries=entries,
    )

    result = generate_summary(request, OFFLINE)

    routine = next(goal for goal in result.goals if goal.title == "Routine work")
    [point] = routine.outputs
    last = start + datetime.timedelta(weeks=13)
    assert point.text == (
        f"Budget planning with finance — 14 times, from {written(start, 'en')} "
        f"to {written(last, 'en')}"
    )
    assert point.entry_refs == [f"E{n}" for n in range(14)]
    assert routine.outcomes == []
    assert all("Budget" not in b.text for goal in result.goals for b in goal.outcomes)
    assert result.goals[-1] is routine


def test_a_routine_point_counts_in_russian():
    request = make_request(FORTNIGHT, language="ru")

    result = generate_summary(request, OFFLINE)

    [point] = result.goals[-1].outputs
    assert point.text.startswith("Mostly meetings — 3 раза, с ")
    assert point.entry_refs == ["E9", "E10", "E11"]


def test_tags_are_taken_out_of_the_text():
    result = generate_summary(make_request(FORTNIGHT, language="en"), OFFLINE)

    assert all("#" not in point.text for point in points_of(result))
    texts = {point.text for point in points_of(result)}
    assert "Second interview loop for the SRE role" in texts
    assert "Настроил алерты на отставание консьюмеров биллинга" in texts
    # The tag of a goal shows the goal; a tag of none shows as a title.
    assert {"Надёжный биллинг", "Hiring"} <= set(groups_of(result))


def test_the_context_comes_from_the_goals_description_and_cites_its_facts():
    request = make_request(
        FORTNIGHT,
        goals=[
            FORTNIGHT.goals[0].model_copy(update={"description": "Биллинг терял события при сбоях"})
        ],
    )

    result = generate_summary(request, OFFLINE)

    goal = result.goals[0]
    assert goal.context == (
        "Биллинг терял события при сбоях. Работа за 3 марта 2026 (2 факта). "
        "Эффект: задержка с 40 с до 2 с."
    )
    assert sorted(goal.context_refs) == ["E2", "E3"]


def test_without_a_description_the_context_gives_the_span_and_the_measured_results():
    result = generate_summary(make_request(FORTNIGHT, language="en"), OFFLINE)

    reports = next(goal for goal in result.goals if "E6" in groups_of(result)[goal.title])
    # The year once in a range of one year; the result's words as the fact writes them.
    assert reports.context == (
        "Work from 5 Mar to 6 Mar 2026 (3 facts). "
        "Results: ускорил медленный отчёт по платежам: 12 минут вместо 45."
    )
    assert sorted(reports.context_refs) == ["E6", "E7", "E8"]
    assert "задержка с 40 с до 2 с" in result.goals[0].context


def test_a_managers_draft_leads_with_people():
    engineer = generate_summary(make_request(FORTNIGHT, language="en"), OFFLINE)
    manager = generate_summary(make_request(FORTNIGHT, language="en", role="manager"), OFFLINE)

    assert manager.goals[0].title == "Hiring"
    assert engineer.goals[0].title != "Hiring"
    assert "Team and people come first: Hiring; the main projects were " in manager.summary_text
    assert "The main projects were " in engineer.summary_text
    assert "; team and people: Hiring." in engineer.summary_text
    assert manager.summary_text != engineer.summary_text


def test_it_says_it_is_not_ai_and_counts_honestly():
    result = generate_summary(make_request(FORTNIGHT), OFFLINE)

    assert result.is_ai is False and result.provider == "offline"
    assert "вы записали 10 фактов и 2 плана" in result.summary_text
    assert "Кроме того, рутинная работа (1 повторяющееся дело, 3 факта)." in result.summary_text
    assert "задержка с 40 с до 2 с" in result.summary_text


def test_english_draft_from_russian_notes():
    result = generate_summary(make_request(FORTNIGHT, language="en"), OFFLINE)

    assert result.summary_text.startswith(
        "From 2 Mar to 15 Mar 2026 you recorded 10 facts and 2 plans."
    )
    assert result.goals[-1].title == "Routine work"
    assert result.goals[0].context.startswith(
        f"Work on {written(datetime.date(2026, 3, 3), 'en')} (2 facts)."
    )


def test_a_rewritten_section_keeps_its_facts_together():
    request = make_request(FORTNIGHT)
    request.focus = "Надёжный биллинг"
    request.entries = request.entries[:3]

    result = generate_summary(request, OFFLINE)

    [goal] = result.goals
    assert (goal.title, goal.goal_ref) == ("Надёжный биллинг", "G1")
    assert [b.entry_refs for b in goal.outcomes] == [["E2"]]
    assert [b.entry_refs for b in goal.outputs] == [["E3"]]


def test_a_period_without_facts_says_what_to_do():
    request = make_request(FORTNIGHT)
    request.entries = [entry for entry in request.entries if entry.type == "plan"]

    result = generate_summary(request, OFFLINE)

    assert result.goals == []
    assert "нет фактов" in result.summary_text


def test_a_week_does_not_repeat_itself():
    week = summarize_week(make_request(FORTNIGHT, language="en"))

    texts = [bullet.text for bullet in week.bullets]
    assert len(texts) == len(set(texts))
    assert sum("Mostly meetings" in text for text in texts) == 1
    assert any(text.startswith("Mostly meetings — 3 times") for text in texts)
    cited = [ref for bullet in week.bullets for ref in bullet.entry_refs]
    assert len(cited) == len(set(cited)) == 10


def test_what_the_user_removed_is_not_drafted_and_what_they_kept_only_counts():
    texts = [*BILLING_EVENTS, *INTERNS, "Починил принтер в офисе"]
    removed = KeptPoint(section="Другая работа", kind="output", text="Принтер", refs=["E7"])
    kept = KeptPoint(section="Стажёры", kind="output", text="План для стажёров", refs=["E4"])
    request = facts_request(texts, removed=[removed], kept=[kept])

    result = generate_summary(request, OFFLINE)

    cited = {ref for goal in result.goals for ref in goal.context_refs}
    cited |= {ref for point in points_of(result) for ref in point.entry_refs}
    assert "E7" not in cited and "E4" not in cited
    assert TITLES["ru"]["other"] not in [goal.title for goal in result.goals]
    assert "другая работа" not in result.summary_text.lower()
    assert "6 фактов" in result.summary_text  # the kept fact counts, the removed one not
    assert "(2 факта)" in next(g.context for g in result.goals if "E5" in g.context_refs)


def test_a_narrative_of_only_other_work_says_so_without_besides():
    request = facts_request(["Shipped search for the journal", "Cut CI from 20 to 8 minutes"],
                            language="en")  # fmt: skip

    narrative = generate_summary(request, OFFLINE).summary_text

    assert narrative.endswith("you recorded 2 facts. Other work (2 facts)."), narrative
