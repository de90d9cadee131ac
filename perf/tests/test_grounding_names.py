"""The honesty check on names: a person, team, system, tag or handle a claim names must be
named by the entries it cites or be one of the user's known names, read stemmed, across scripts
and by aliases; ordinary words and sentence starts are no names. Plain functions on plain
data, no database."""

import pytest

from .claim_check import check


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
