"""The offline draft's group titles: a project in one noun phrase, never a verb or a filler,
and a Russian heading in the nominative, in a form the journal writes."""

import re

import pytest

from perf.llm import generate_summary
from perf.llm.offline.russian import heading, is_adjective
from perf.llm.offline.words import STOPWORDS, VERBS, is_verb

from .conftest import OFFLINE
from .journals import JOURNALS, load
from .offline_facts import BILLING_EVENTS, facts_request


@pytest.mark.parametrize("name", JOURNALS)
def test_no_group_is_titled_by_a_verb_or_a_filler(name):
    request, _ = load(name)

    result = generate_summary(request, OFFLINE)

    for goal in result.goals:
        if goal.title in ("Other work", "Другая работа", "Routine work", "Рутинная работа"):
            continue
        first = goal.title.split()[0].lower()
        assert first not in STOPWORDS and first not in VERBS, goal.title
        assert not is_verb(first), goal.title


@pytest.mark.parametrize(
    "words, forms, expected",
    [
        # An adjective agrees with its noun in the nominative.
        (["мобильного", "API"], {"мобильного": ["мобильном", "мобильных"]}, "мобильное API"),
        (["платёжного", "сервиса"], {"сервиса": ["сервис", "сервисом"]}, "платёжный сервис"),
        (["финансовых", "отчётов"], {"отчётов": ["отчёт", "отчёты"]}, "финансовые отчёты"),
        (["хранимые", "процедуры"], {}, "хранимые процедуры"),
        # A noun takes its bare form when the journal writes one, else loses its ending.
        (["отчёта", "по", "выручке"], {"отчёта": ["отчёт", "отчётов"]}, "отчёт по выручке"),
        (["инцидента"], {"инцидента": ["инциденту", "инцидентов"]}, "инцидент"),
        (["инцидентов"], {}, "инциденты"),
        (["алерты"], {"алерты": ["алертов"]}, "алерты"),
        (["миграции"], {}, "миграция"),
        (["обновлении"], {}, "обновление"),
        (["базы"], {"базы": ["базой", "базу"]}, "база"),
        (["очередью"], {}, "очередь"),
        # A phrase ending on an adjective makes no heading; English stays as written.
        (["API", "мобильного"], {"мобильного": ["мобильном"]}, None),
        (["billing", "events"], {}, "billing events"),
    ],
)
def test_a_russian_heading_is_in_the_nominative(words, forms, expected):
    assert heading(words, forms) == expected


@pytest.mark.parametrize("name", JOURNALS)
def test_a_title_names_a_project_in_one_noun_phrase(name):
    request, _ = load(name)

    titles = [goal.title for goal in generate_summary(request, OFFLINE).goals]

    assert not [t for t in titles if " and " in t or " и " in t], titles
    for title in titles:
        first = title.split()[0]
        assert not re.search(r"(?:ого|его|ому|ему|ых|ыми|ими|ов)$", first), title
        if len(title.split()) == 1:
            assert not is_adjective(first.lower()), title
    expected = {"half_year_en": {"Billing events", "Flaky tests", "Backend candidates"},
                "half_year_ru": {"Мобильное API", "Инцидент", "Стажёры"}}  # fmt: skip
    assert expected[name] <= set(titles), titles


def test_a_head_noun_written_mostly_in_the_genitive_plural_titles_in_the_nominative():
    result = generate_summary(facts_request(BILLING_EVENTS), OFFLINE)

    assert [goal.title for goal in result.goals] == ["События биллинга"]
    assert "События биллинга" in result.summary_text
    assert heading(["событий", "биллинга"], {"событий": ["события"]}) == "события биллинга"
    # A masculine -ий is a nominative already, whatever other forms the journal writes.
    assert heading(["сценарий"], {"сценарий": ["сценария", "сценарии"]}) == "сценарий"


def test_an_indeclinable_titles_as_the_journal_writes_it():
    texts = [
        "Ревью кода стажёров, разобрали ошибки",
        "Ревью кода: разобрали ошибки в тестах",
        "Ревью кода платежей",
        *BILLING_EVENTS,
    ]

    result = generate_summary(facts_request(texts), OFFLINE)

    assert "Ревью кода" in [goal.title for goal in result.goals]
    assert heading(["ревью"], {"ревью": ["ревью"]}) == "ревью"
    assert heading(["интервью"], {}) == "интервью"
    assert heading(["очередью"], {"очередью": ["очереди"]}) == "очередь"


@pytest.mark.parametrize(
    "forms, expected",
    [
        (["команде", "команды"], "команды"),  # the journal's nominative plural
        (["командой"], "команда"),  # shown feminine: the singular
        (["отчётов", "отчёты"], "отчёт"),  # a masculine nominative stays
        ([], "команд"),  # no other form: as written
    ],
)
def test_a_bare_genitive_plural_titles_in_a_form_the_journal_writes(forms, expected):
    word = "отчёт" if "отчёты" in forms else "команд"
    assert heading([word], {word: forms}) == expected


def test_a_genitive_plural_title_is_written_in_the_nominative():
    request, _ = load("quarter_mixed")  # "от трёх команд", "соседней команде", "команды"

    result = generate_summary(request, OFFLINE)

    assert "Команды" in [goal.title for goal in result.goals]
    assert "Команд" not in [goal.title for goal in result.goals]
