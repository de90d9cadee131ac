"""check(): the honesty check on one claim against entry texts of one date, for the tests of
test_grounding_figures.py and test_grounding_names.py."""

from perf.llm.grounding import Source, unsupported_claims


def check(claim, *texts, date=None, known=()):
    return unsupported_claims(claim, [Source(text, date) for text in texts], known)
