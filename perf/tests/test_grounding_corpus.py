"""The honesty check against the grounding corpus (grounding_corpus.json): it flags at least
95% of the planted inventions, naming what was planted, and at most 5% of the faithful
rewrites, in English and Russian. Plain functions on plain data, no database."""

from perf.llm.grounding import Source, unsupported_claims

from .grounding_cases import FAITHFUL, INVENTIONS


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
