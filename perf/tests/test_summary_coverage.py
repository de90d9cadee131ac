"""Coverage below the review on the summary page: goals without evidence, facts no point uses
and plans no fact marks done, with counts and links, or that nothing is left out. Summaries
come from the real offline provider, or the real anthropic SDK against the fake server."""

import datetime

import pytest
from django.urls import reverse

from conftest import make_entry, make_goal, make_user, make_written_summary
from perf.llm import LLMConfig

from .conftest import written_summary
from .page_reading import detail

pytestmark = pytest.mark.django_db
D = datetime.date


def test_coverage_is_a_section_below_the_review_with_counts_and_links(
    client_for, fake_llm, monkeypatch
):
    monkeypatch.setenv("ANTHROPIC_BASE_URL", fake_llm.url)
    user = make_user()
    make_goal(user=user, title="Mentoring", slug="mentor")
    make_entry(user, text="Cut CI time from 20 to 8 minutes", date=D(2026, 3, 3))
    make_entry(user, text="Mostly meetings", date=D(2026, 3, 4))
    make_entry(user, type="plan", text="Write the RFC", date=D(2026, 3, 20))
    fake_llm.answer({"summary_text": "A month of CI work.", "goals": [
        {"goal_ref": None, "title": "CI", "context": "", "context_refs": [],
         "outputs": [{"text": "Cut CI time from 20 to 8 minutes", "refs": ["E1"]}],
         "outcomes": []}]})  # fmt: skip
    summary = make_written_summary(
        user,
        language="en",
        config=LLMConfig(provider="anthropic", anthropic_api_key="k", max_retries=0),
    )

    page = client_for(user).get(detail(summary)).text

    coverage = page[page.index('<section class="coverage-section no-print"') :]
    assert page.index("</article>") < page.index('<section class="coverage-section')
    assert "<details" not in coverage
    assert '<h2 id="coverage-title">What the review leaves out</h2>' in coverage
    today = reverse("journal:today")
    assert 'Goals without evidence in this period <span class="count">1</span>' in coverage
    assert ">Mentoring</a>" in coverage
    assert 'Facts no point uses <span class="count">1</span>' in coverage
    assert f'<a href="{today}?date=2026-03-04">4 Mar 2026</a> Mostly meetings' in coverage
    assert 'Plans no fact marks done <span class="count">1</span>' in coverage
    assert f'<a href="{today}?date=2026-03-20">20 Mar 2026</a> Write the RFC' in coverage
    assert "Nothing is left out" not in coverage


def test_coverage_says_so_when_nothing_is_left_out(client_for):
    user = make_user()
    summary = written_summary(
        user, *[(D(2026, 3, day), f"Shipped part {day}") for day in (1, 10, 20, 31)]
    )

    page = client_for(user).get(detail(summary)).text

    assert "Nothing is left out: every goal has evidence" in page


# Periods
