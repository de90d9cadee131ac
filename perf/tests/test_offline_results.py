"""Which facts the offline draft reads as results: a measured change, not a state, a rollout
step or a count; and a result quoted as written, up to why or when it changed."""

import pytest

from perf.llm.offline.measured import is_measured, result_clause


@pytest.mark.parametrize(
    "text, measured",
    [
        ("CI time cut from 25 to 9 minutes", True),
        ("Zero-result searches cut by 35% with the new synonyms", True),
        ("Click-through on search results rose from 18% to 24%", True),
        ("Builds 3× faster with the cache", True),
        ("Ускорил медленный отчёт: 12 минут вместо 45", True),
        ("Размер ответа ленты уменьшил в 3 раза", True),
        ("Облако подешевело с $4,200 до $900 в месяц", True),
        # A share that states a state, a rollout step, a count: no change, no result.
        ("Profiled the CI pipeline: the test stage takes 70% of the run", False),
        ("Sent 10% of billing traffic through the Kafka pipeline", False),
        ("Переключил чтение платежей на PostgreSQL для 10% трафика", False),
        ("Финансы больше не ждут отчёты: 95% строятся за минуту", False),
        ("Hiring sync with the recruiter: 12 candidates in the funnel", False),
    ],
)
def test_a_measured_result_is_a_change(text, measured):
    assert is_measured(text) is measured


@pytest.mark.parametrize(
    "text, quoted",
    [
        # Why or when the figure changed is cut; where it was measured stays.
        (
            "Event lag in billing dropped from 40 s to 2 s after the switch to Kafka",
            "Event lag in billing dropped from 40 s to 2 s",
        ),
        (
            "Zero-result searches cut by 35% with the new synonyms",
            "Zero-result searches cut by 35%",
        ),
        (
            "Billing consumer throughput rose to 5,000 events per second in the load test",
            "Billing consumer throughput rose to 5,000 events per second in the load test",
        ),
        (
            "Время ответа корзины снизилось с 900 мс до 200 мс после фикса N+1",
            "Время ответа корзины снизилось с 900 мс до 200 мс",
        ),
        (
            "Размер ответа ленты уменьшил в 3 раза за счёт полей по запросу",
            "Размер ответа ленты уменьшил в 3 раза",
        ),
        (
            "Индексы для таблицы транзакций: время выборки сократил в 4 раза",
            "время выборки сократил в 4 раза",
        ),
        # A clause that starts with its figures keeps what changed, before the colon.
        (
            "Онбординг новичка через портал: с 5 дней до 2 на первый деплой",
            "Онбординг новичка через портал: с 5 дней до 2 на первый деплой",
        ),
    ],
)
def test_a_result_is_quoted_as_written_up_to_why(text, quoted):
    assert result_clause(text) == quoted
