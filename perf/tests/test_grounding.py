"""The honesty check: what a claim states must be stated by the entries it cites. Plain
functions on plain data, no database."""

import datetime

import pytest

from perf.llm.grounding import Source, ground, unsupported_claims
from perf.llm.schemas import DraftSummary, EntryData, Evidence, GoalData, SummaryRequest

from .grounding_corpus import FAITHFUL, INVENTIONS

D = datetime.date


def check(claim, *texts, date=None, known=()):
    return unsupported_claims(claim, [Source(text, date) for text in texts], known)


def test_an_entrys_date_is_no_evidence_for_a_count():
    entry = "Migrated the remaining services to the new deploy pipeline"

    assert check("Migrated 14 services", entry, date=D(2025, 7, 14)) == ["14"]
    assert check("Migrated 7 services", entry, date=D(2025, 7, 14)) == ["7"]


@pytest.mark.parametrize(
    "written",
    ["2026-03-04", "March 4", "March 4th", "4 March", "Mar 4", "4 марта", "04.03", "04.03.2026"],
)
def test_an_entrys_date_supports_the_same_date_in_any_form(written):
    assert check(f"Shipped the checklist on {written}", "Shipped the checklist",
                 date=D(2026, 3, 4)) == []  # fmt: skip


def test_a_wrong_date_is_flagged_as_written():
    entry = "Shipped the checklist"

    assert check("Shipped the checklist on March 14", entry, date=D(2026, 3, 4)) == ["March 14"]
    assert check("Выкатил чеклист 4 апреля", entry, date=D(2026, 3, 4)) == ["4 апреля"]
    assert check("Shipped it on 2025-03-04", entry, date=D(2026, 3, 4)) == ["2025-03-04"]


def test_a_date_in_an_entrys_text_counts_and_a_month_is_checked_too():
    entry = "Agreed with ops to do the cutover on 2026-03-14"

    assert check("Agreed the March 14 cutover", entry, date=D(2026, 3, 10)) == []
    assert check("Agreed the cutover in March", entry, date=D(2026, 3, 10)) == []
    assert check("В феврале согласовал переключение", entry, date=D(2026, 3, 10)) == ["феврале"]


def test_a_percentage_is_not_milliseconds():
    assert check("Cut p95 by 40 ms", "p95 down 40%") == ["40 ms"]
    assert check("Ускорил выгрузку на 40 мс", "Ускорил выгрузку на 40%") == ["40 мс"]
    assert check("Cut p95 by 40%", "p95 down 40%") == []


@pytest.mark.parametrize(
    ("claim", "entry"),
    [
        ("CI time down to 8 min", "Cut CI from 20 to 8 minutes"),
        ("CI took 20 min before", "Cut CI from 20 to 8 minutes"),
        ("Время CI 8 мин", "Сократил время CI с 20 до 8 минут"),
        ("Page load 1.9 s", "Page load from 4.2 seconds to 1.9 seconds"),
        ("Холодный старт 3 сек", "Холодный старт с 7 с до 3 с"),
        ("Build takes 3100 ms", "Build step takes 3.1 s"),
        ("Onboarding takes 1.5 hours", "Onboarding takes 90 minutes"),
        ("Образ весит 380 МБ", "Docker image is 380 MB"),
        ("Выгрузка идёт 2 ч", "Выгрузка теперь идёт 2 часа"),
    ],
)
def test_units_have_synonyms_and_convert(claim, entry):
    assert check(claim, entry) == []


def test_a_bare_number_in_an_entry_supports_only_a_bare_number():
    assert check("Reviewed 3 PRs", "Reviewed 3 PRs for payments") == []
    assert check("Lag was 40 s", "lag went 40 → 2") == ["40 s"]


@pytest.mark.parametrize(
    ("claim", "entry"),
    [
        ("Backfilled 1,500 invoices", "Backfilled 1500 invoices"),
        ("Backfilled 1500 invoices", "Backfilled 1 500 invoices"),
        ("Backfilled 1\u00a0500 invoices", "Backfilled 1,500 invoices"),
        ("Холодный старт 3,5 с", "Cold start 3.5 s"),
        ("Cold start 3.5 s", "Холодный старт 3,5 с"),
        ("Held 12k requests per minute", "Held 12,000 requests per minute"),
        ("Сэкономил 120 000 ₽", "Экономия 120 тыс. ₽"),
    ],
)
def test_number_formats_are_one_number(claim, entry):
    assert check(claim, entry) == []


@pytest.mark.parametrize("written", ["×2", "x2", "2x", "2×", "twice as fast", "в 2 раза", "вдвое"])
def test_a_multiplier_is_read_in_any_form(written):
    assert check(f"Made the endpoint {written}", "the endpoint is now 2x faster") == []


def test_an_inflated_multiplier_is_flagged():
    assert check("Made the endpoint 5x faster", "the endpoint is now 2x faster") == ["5x"]
    assert check("Ускорил запрос в 10 раз", "Индекс ускорил запрос в 3 раза") == ["10 раз"]


def test_money_keeps_its_currency_and_its_rate():
    entry = "Negotiated the renewal down to $1,500/month"

    assert check("Renewal down to $1,500 a month", entry) == []
    assert check("Renewal down to €1,500 a month", entry) == ["€1,500 a month"]
    assert check("Renewal down to $1,500 a week", entry) == ["$1,500 a week"]
    assert check("Saved $1,800", "Downsized the cluster from 12 to 6 nodes") == ["$1,800"]


def test_an_approximate_or_bounded_figure_is_read_as_such():
    entry = "Answered 1,240 support tickets; the job went from 47 min to 12 min"

    assert check("Answered over 1,000 tickets", entry) == []
    assert check("Answered over 5,000 tickets", entry) == ["5,000"]
    assert check("The job went from about 45 minutes to 12", entry) == []
    assert check("The job went from about 60 minutes to 12", entry) == ["60 minutes"]


@pytest.mark.parametrize("label", ["p95", "PG16", "v4.2", "prod-7", "S3", "E2E", "k8s", "OAuth2"])
def test_labels_are_names_not_amounts(label):
    assert check(f"Moved it to {label}", f"moved it to {label} last week") == []
    assert check(f"Moved it to {label}", "moved it last week") == [label]


def test_digits_of_a_label_are_no_evidence_for_a_count():
    assert check("Fixed 95 alerts", "p95 alerts fixed") == ["95"]
    assert check("Upgraded to PG16", "Upgraded the DB to PG15") == ["PG16"]


def test_names_are_compared_stemmed_and_across_scripts():
    assert check("Вместе с Олегом перевёл биллинг", "Помог Олегу перевести биллинг") == []
    assert check("Прошёл ревью у Павла", "Павел отревьюил мой PR") == []
    assert check("Helped Oleg with billing", "Помог Олегу с биллингом") == []
    assert check("Перевёл биллинг на Кафку", "Перевёл биллинг на Kafka") == []


@pytest.mark.parametrize(
    ("claim", "entry", "invented"),
    [
        ("Paired with Oleg and Priya on the test", "Paired with Oleg on the test", ["Priya"]),
        ("Priya and I rewrote the importer", "Rewrote the importer", ["Priya"]),
        ("Ran the review with the Payments team", "Ran the review", ["Payments team"]),
        ("Вместе с Олегом и Сергеем перевёл биллинг", "Помог Олегу с биллингом", ["Сергеем"]),
        ("Согласовал формат с командой Платформы", "Согласовал формат", ["командой Платформы"]),
        ("Moved the job onto Airflow", "Moved the job off cron", ["Airflow"]),
        ("Вынес сессии в redis", "Вынес сессии в отдельное хранилище", ["redis"]),
        ("Set up DynamoDB tables", "Set up the tables", ["DynamoDB"]),
        ("Reviewed @dmitry's doc", "Reviewed the doc", ["@dmitry"]),
        ("Closed the tasks #payments", "Closed the tasks #billing", ["#payments"]),
    ],
)
def test_invented_people_teams_systems_tags_and_handles_are_flagged(claim, entry, invented):
    assert check(claim, entry) == invented


@pytest.mark.parametrize(
    ("claim", "entry", "invented"),
    [
        ("Helped the platform team finish it", "Helped finish it", ["platform team"]),
        ("Worked with the mobile payments team", "Worked on payments", ["mobile payments team"]),
        ("Handed it over to our data squad", "Handed it over", ["data squad"]),
        (
            "Вместе с командой поддержки разобрал очередь",
            "Разобрал очередь",
            ["командой поддержки"],
        ),
        ("Передал задачу в отдел закупок", "Передал задачу", ["отдел закупок"]),
        (
            "Подключил команду мобильной разработки",
            "Подключил CI",
            ["команду мобильной разработки"],
        ),
    ],
)
def test_a_team_named_in_lower_case_is_a_name(claim, entry, invented):
    assert check(claim, entry) == invented


@pytest.mark.parametrize(
    ("claim", "entry"),
    [
        ("Paired with the platform team", "Paired with the Platform team"),
        ("Helped the whole team move to the new rotation", "Moved everyone to the new rotation"),
        ("Boosted team morale with a weekly demo", "Started a weekly demo"),
        ("Onboarded a new team member", "Onboarded Oleg"),
        ("Created a security group for the bastion", "Locked down the bastion"),
        ("Разобрал очередь с командой поддержки", "Поддержка и я разобрали очередь"),
        ("Помог команде быстрее закрывать инциденты", "Ускорил закрытие инцидентов"),
        ("Вместе с командой переехали на новый CI", "Переехали на новый CI"),
        ("Обсудил с командой план на квартал", "Обсудили план на квартал"),
    ],
)
def test_ordinary_words_beside_team_name_no_team(claim, entry):
    assert check(claim, entry) == []


@pytest.mark.parametrize(
    ("claim", "entry"),
    [
        ("Halved the build time, from 10 to 5 minutes", "Build time from 10 min to 5 min"),
        ("Doubled throughput", "Throughput 500 → 1000 rows/s"),
        ("Made the page 3× faster", "Page load from 1.2 s to 0.4 s"),
        ("Ускорил сборку вдвое", "Сборка теперь 5 минут вместо 10"),
        ("Сократил время отклика в 3 раза", "Время отклика с 900 мс до 300 мс"),
        ("Cut p95 by 40%, from 500 to 300 ms", "p95 from 500 ms to 300 ms"),
        ("Grew signups by 25%, from 400 to 500", "Weekly signups 400 → 500"),
        ("3x faster", "p95 was 900 ms, now 300 ms"),
    ],
)
def test_a_ratio_rests_on_the_two_figures_it_comes_from(claim, entry):
    assert check(claim, entry) == []


def test_a_ratio_the_figures_do_not_give_is_flagged():
    assert check("Halved the deploy time", "Deploy time from 30 min to 20 min") == ["Halved"]
    assert check("Ускорил отчёты вдвое", "Отчёты строятся за 6 секунд вместо 9") == ["вдвое"]
    assert check("Made search 4× faster", "Search from 800 ms to 400 ms") == ["4×"]
    # 30 → 20 is a 33% cut; 20 → 30 would be a 50% rise, but the range says which way.
    assert check("Cut it by 50%, from 30 to 20 min", "Deploy from 30 min to 20 min") == ["50%"]
    # A percentage alone is no ratio: "95% faster" may be 95% less time or 20 times the speed.
    assert check("Billing got 95% faster", "lag from 40 s to 2 s") == ["95%"]


def test_a_system_may_go_by_another_of_its_names():
    assert (
        check("Moved the jobs from Postgres to Kubernetes", "Moved jobs from PostgreSQL to k8s")
        == []
    )
    assert check("Перевёл отчёты на Постгрес", "Перевёл отчёты на PostgreSQL") == []
    assert check("Moved search to Elastic", "Moved search to Elasticsearch") == []
    assert check("Moved sessions from Postgres to Redis", "Moved sessions from MySQL to Redis") == [
        "Postgres"
    ]


def test_known_names_count_as_supported():
    known = ["Reliable billing", "#billing"]

    assert check("Moved the worker, part of Reliable billing #billing", "Moved the worker",
                 known=known) == []  # fmt: skip
    assert check("Перенёс воркер в рамках цели «Надёжный биллинг»", "Перенёс воркер",
                 known=["Надёжный биллинг"]) == []  # fmt: skip


def test_sentence_starts_common_capitals_and_review_vocabulary_are_not_names():
    entry = "merged the rate limiting change after review"

    assert check("Merged the rate limiting PR on Monday. Then I merged the CI fix", entry) == []
    assert check("Смержил PR с лимитами в CI", "смержил изменение с лимитами") == []


def test_items_are_the_claims_own_text_in_order_without_duplicates():
    claim = "On 2026-03-14 cut lag to 40 ms with Priya; Priya says 40 ms"

    items = check(claim, "cut lag to 40%", date=D(2026, 3, 4))

    assert items == ["2026-03-14", "40 ms", "Priya"]
    assert all(item in claim for item in items)


def test_an_empty_claim_has_nothing_unsupported():
    assert check("   ", "anything") == []


# --- The corpus ---


def corpus_check(case):
    sources = [Source(text, date) for date, text in case["entries"]]
    return unsupported_claims(case["claim"], sources, case.get("known_names", ()))


def overlaps(planted, items):
    return any(planted in item or item in planted for item in items)


def test_the_corpus_is_large_enough_in_both_languages():
    for cases in (INVENTIONS, FAITHFUL):
        assert len(cases) >= 40
        for language in ("en", "ru"):
            assert sum(case["language"] == language for case in cases) >= len(cases) * 0.4
    for case in INVENTIONS:
        assert case["invented"] and all(item in case["claim"] for item in case["invented"])


def test_the_check_catches_95_percent_of_inventions_and_flags_at_most_5_percent_of_rewrites():
    missed = [case["claim"] for case in INVENTIONS if not corpus_check(case)]
    wrong = [
        (case["claim"], items)
        for case in INVENTIONS
        if (items := corpus_check(case))
        and not all(overlaps(planted, items) for planted in case["invented"])
    ]
    false_flags = [(case["claim"], corpus_check(case)) for case in FAITHFUL if corpus_check(case)]

    assert len(missed) <= 0.05 * len(INVENTIONS), missed
    assert wrong == []  # when it flags an invention, it flags what was invented
    assert len(false_flags) <= 0.05 * len(FAITHFUL), false_flags


# --- A draft, grounded ---


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
