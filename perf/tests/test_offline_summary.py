"""The offline draft: honest, no network, and useful on a realistic journal."""

import datetime

from perf.llm import LLMConfig, generate_summary
from perf.llm.schemas import EntryData, GoalData, SummaryRequest

JOURNAL = [
    ("plan", "Перевести биллинг на Kafka", []),
    ("fact", "Перевёл события биллинга на Kafka, задержка с 40 с до 2 с", ["G1"]),
    ("fact", "Настроил алерты на отставание консьюмеров биллинга", ["G1"]),
    ("fact", "Провёл собеседование с кандидатом в бэкенд #hiring", []),
    ("fact", "Second interview loop for the SRE role #hiring", []),
    ("fact", "Ускорил медленный отчёт по платежам: 12 минут вместо 45", []),
    ("fact", "Переписал отчёт по возвратам на батчевую выгрузку", []),
    ("fact", "Обновил отчёт по платежам для финансов, добавил фильтры", []),
    ("fact", "Mostly meetings", []),
    ("plan", "Подготовить демо", []),
]


def make_request(language="ru"):
    start = datetime.date(2026, 3, 2)
    entries = [
        EntryData(
            ref=f"E{n}",
            date=start + datetime.timedelta(days=n // 2),
            type=type_,
            text=text,
            goal_refs=goals,
        )
        for n, (type_, text, goals) in enumerate(JOURNAL, start=1)
    ]
    return SummaryRequest(
        period_start=start,
        period_end=datetime.date(2026, 3, 15),
        role="engineer",
        language=language,
        entries=entries,
        goals=[GoalData(ref="G1", title="Надёжный биллинг")],
    )


def test_it_groups_facts_by_goal_then_tag_then_shared_words():
    result = generate_summary(make_request(), LLMConfig(provider="offline"))

    groups = {goal.title: [b.entry_refs[0] for b in goal.outputs] for goal in result.goals}
    assert groups == {
        "Надёжный биллинг": ["E2", "E3"],
        "#hiring": ["E4", "E5"],
        "Отчёт": ["E6", "E7", "E8"],
        "Другая работа": ["E9"],
    }
    assert result.goals[0].goal_ref == "G1"


def test_plans_are_never_outputs():
    result = generate_summary(make_request(), LLMConfig(provider="offline"))

    cited = {ref for goal in result.goals for bullet in goal.outputs for ref in bullet.entry_refs}
    assert "E1" not in cited and "E10" not in cited


def test_measurable_results_become_outcomes():
    result = generate_summary(make_request(), LLMConfig(provider="offline"))

    outcomes = {ref for goal in result.goals for b in goal.outcomes for ref in b.entry_refs}
    assert outcomes == {"E2", "E6"}


def test_it_says_it_is_not_ai_and_counts_honestly():
    result = generate_summary(make_request(), LLMConfig(provider="offline"))

    assert result.is_ai is False and result.provider == "offline"
    assert "8 фактов и 2 плана" in result.summary_text
    assert "4 направления" in result.summary_text


def test_english_draft_from_russian_notes():
    result = generate_summary(make_request(language="en"), LLMConfig(provider="offline"))

    assert result.summary_text.startswith("From 2026-03-02 to 2026-03-15 you recorded 8 facts")
    assert result.goals[-1].title == "Other work"
    assert result.goals[0].context == "2 facts recorded on 2026-03-03."
    assert result.goals[2].context == "3 facts recorded between 2026-03-05 and 2026-03-06."


def test_a_period_without_facts_says_what_to_do():
    request = make_request()
    request.entries = [entry for entry in request.entries if entry.type == "plan"]

    result = generate_summary(request, LLMConfig(provider="offline"))

    assert result.goals == []
    assert "нет фактов" in result.summary_text
