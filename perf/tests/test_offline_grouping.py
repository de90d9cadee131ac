"""The offline draft's groups, held to the targets on half-year journals with known projects
(perf/tests/journals): grouped by their projects, nothing said twice, routine in Routine
work and never an outcome, a small or one-fact group joining the project it shares most
with, and a narrative of a few sentences naming the main projects."""

import re

import pytest

from perf.llm import generate_summary
from perf.llm.offline.text import TEXT

from .conftest import OFFLINE
from .journals import JOURNALS, TITLES, load, score
from .offline_facts import BILLING_EVENTS, INTERNS, facts_request, groups_of


@pytest.mark.parametrize("name", JOURNALS)
def test_a_half_year_journal_is_grouped_by_its_projects(name):
    request, labels = load(name)

    scores = score(generate_summary(request, OFFLINE), request, labels)

    assert scores["purity"] >= 0.9, scores
    assert scores["completeness"] >= 0.8, scores


@pytest.mark.parametrize("name", JOURNALS)
@pytest.mark.parametrize("role", ["engineer", "manager"])
def test_a_half_year_journal_says_nothing_twice_and_routine_is_never_an_outcome(name, role):
    request, labels = load(name)
    request.role = role

    scores = score(generate_summary(request, OFFLINE), request, labels)

    assert scores["repeated_points"] == 0
    assert scores["facts_cited_twice"] == 0
    assert scores["facts_not_cited"] == 0
    assert scores["routine_outcomes"] == 0


@pytest.mark.parametrize("name", JOURNALS)
def test_the_repeated_routine_of_a_journal_is_in_routine_work(name):
    request, labels = load(name)

    result = generate_summary(request, OFFLINE)

    routine = result.goals[-1]
    assert routine.title in ("Routine work", "Рутинная работа")
    cited = [ref for b in routine.outputs for ref in b.entry_refs]
    assert all(labels[ref] == "routine" for ref in cited)
    assert len(cited) >= 0.9 * sum(1 for label in labels.values() if label == "routine")
    assert all(" — " in b.text for b in routine.outputs)


def group_of_text(result, request, text):
    """The title of the group holding the fact whose text starts with `text`."""
    ref = next(e.ref for e in request.entries if e.text.startswith(text))
    return next(title for title, refs in groups_of(result).items() if ref in refs)


@pytest.mark.parametrize(
    "name, fact, belongs_with",
    [
        # A small group like a bigger one is part of it: the dual-write flag is billing's.
        ("half_year_en", "Dual-write of invoices", "Event lag in billing dropped"),
        ("half_year_en", "Removed the dual-write flag", "Event lag in billing dropped"),
        ("half_year_en", "Tuned the analyzer for SKUs", "Reindexed the product catalogue"),
        # Two facts that share one weak word ("запрос") are no group: each goes its way.
        ("half_year_ru", "Переписал хранимые процедуры", "Выключил старую MySQL-базу"),
        ("half_year_ru", "Размер ответа ленты", "Пагинация курсором в мобильном API"),
    ],
)
def test_a_small_or_thin_group_goes_to_the_project_it_shares_most_with(name, fact, belongs_with):
    request, _ = load(name)

    result = generate_summary(request, OFFLINE)

    assert group_of_text(result, request, fact) == group_of_text(result, request, belongs_with)


@pytest.mark.parametrize("name", JOURNALS)
@pytest.mark.parametrize("role", ["engineer", "manager"])
def test_the_narrative_is_a_few_sentences_naming_the_main_projects(name, role):
    request, _ = load(name)
    request.role = role

    result = generate_summary(request, OFFLINE)

    narrative = result.summary_text
    assert 2 <= len(re.findall(r"[.!?](?:\s|$)", narrative)) <= 4, narrative
    named = [g for g in result.goals if g.title not in TITLES[request.language].values()]
    assert not [g.title for g in named if f"{g.title} (" in narrative]  # no log of counts
    biggest = max(named, key=lambda g: len(g.outputs) + len(g.outcomes))
    assert biggest.title in narrative
    headline = narrative.split(TEXT[request.language]["headline"].split("{")[0])[1]
    assert headline.count(";") <= 1  # two results at most
    outcomes = [b.text for g in result.goals for b in g.outcomes]
    for quoted in headline.split(".")[0].split("; "):
        assert any(quoted.lower() in text.lower() for text in outcomes), quoted


def test_a_one_fact_remainder_joins_the_group_it_shares_a_noun_with():
    interns = [
        *INTERNS,
        "План онбординга: доступы и окружение",
        "Ревью кода: разобрали ошибки в тестах",
        "Задачи на первый месяц: баги из бэклога",
    ]  # three groups of two, each with one fact about the interns
    texts = [*interns, *BILLING_EVENTS, "Провёл менторскую сессию со стажёром"]
    request = facts_request(texts, role="manager")

    result = generate_summary(request, OFFLINE)

    group = group_of_text(result, request, "Провёл")
    assert group in {group_of_text(result, request, text) for text in INTERNS}
    assert TITLES["ru"]["other"] not in [goal.title for goal in result.goals]


def test_a_candidate_joins_the_hiring_group_not_the_onboarding_guide():
    texts = [
        "Phone screen with a candidate for the SRE role",
        "Debrief on the frontend candidate with the panel",
        "Sent an offer to the SRE candidate",
        "Wrote the onboarding guide for backend newcomers",
        "Updated the onboarding guide with the backend setup",
        "Onboarding guide walkthrough with the new hire",
        "Moved billing events to Kafka",
        "Billing events lag alerts",
        "Replayed billing events after the outage",
        "Interviewed two backend candidates",
    ]
    request = facts_request(texts, language="en", role="manager")

    result = generate_summary(request, OFFLINE)

    interviewed = group_of_text(result, request, "Interviewed")
    assert interviewed == group_of_text(result, request, "Phone screen")
    assert interviewed != TITLES["en"]["other"]
