"""Small journals for the tests of the offline draft: a month of facts as the LLM layer gets
it, two groups of facts that share their words, and the facts each group of a draft cites."""

import datetime

from perf.llm.schemas import EntryData, SummaryRequest


def groups_of(result):
    return {
        goal.title: [ref for b in goal.outputs + goal.outcomes for ref in b.entry_refs]
        for goal in result.goals
    }


def facts_request(texts, language="ru", role="engineer", **more):
    start = datetime.date(2026, 11, 2)
    entries = [
        EntryData(ref=f"E{n}", date=start + datetime.timedelta(days=n), type="fact", text=text)
        for n, text in enumerate(texts, start=1)
    ]
    return SummaryRequest(
        period_start=start,
        period_end=start + datetime.timedelta(days=30),
        role=role,
        language=language,
        entries=entries,
        **more,
    )


BILLING_EVENTS = [
    "Перевёл события биллинга на Kafka",
    "Разобрал отставание событий биллинга",
    "Алерты на задержку событий биллинга",
]
INTERNS = [
    "Составил план онбординга для стажёров",
    "Ревью кода стажёров, разобрали ошибки",
    "Задачи для стажёров на первый месяц",
]
