"""Rows show an entry's Markdown rendered (journal/markdown.py), on perf's pages too (a
goal's page, Polish's fragment), and a script, javascript: link or image in it stays text;
the LLM gets the text as the user typed it, never the HTML: in a summary's journal and in a
polish request. The real anthropic SDK talks to the local fake server."""

import datetime
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from conftest import make_entry, make_goal, make_user
from perf.llm import LLMConfig
from perf.services.summaries import create_summary, run_summary

from .fake_llm import prompt_of

pytestmark = pytest.mark.django_db

D = datetime.date
TYPED = "Shipped **the importer**: [PR 42](https://github.com/acme/app/pull/42), `make test` green"


def test_a_markdown_entry_reaches_the_summary_prompt_as_typed(client_for, fake_llm, monkeypatch):
    monkeypatch.setenv("ANTHROPIC_BASE_URL", fake_llm.url)
    user = make_user(language="en")
    entry = make_entry(user, type="fact", text=TYPED, date=D(2026, 3, 3))
    # The row shows it rendered...
    row = client_for(user).get(reverse("journal:today"), {"date": "2026-03-03"}).text
    assert "<strong>the importer</strong>" in row
    fake_llm.answer({"summary_text": "ok", "goals": []})
    summary = create_summary(user, start=D(2026, 3, 1), end=D(2026, 3, 31))

    run_summary(summary, LLMConfig(provider="anthropic", anthropic_api_key="k", max_retries=0))

    # ...the model reads the text.
    prompt = prompt_of(fake_llm.requests[0]["body"])
    assert f"E1 {TYPED}" in prompt.splitlines()
    assert "<strong>" not in prompt and "<a " not in prompt and "<code>" not in prompt
    entry.refresh_from_db()
    assert entry.text == TYPED


def test_a_markdown_entry_is_polished_as_typed(client_for, fake_llm, monkeypatch, settings):
    settings.ANTHROPIC_API_KEY = "test-key"
    monkeypatch.setenv("ANTHROPIC_BASE_URL", fake_llm.url)
    user = make_user(language="en")
    entry = make_entry(user, text=TYPED)
    fake_llm.answer({"rewrite": TYPED})

    client_for(user).post(
        reverse("perf:polish-entry", args=[entry.pk]), {}, headers={"HX-Request": "true"}
    )

    assert prompt_of(fake_llm.requests[0]["body"]) == TYPED


HOSTILE = (
    "Also **[x](javascript:alert(1)) <img src=x onerror=alert(1)> <javascript:alert(2)>** "
    "and javascript:alert(3) <script>alert(4)</script> #search"
)


def live_markup(page: str) -> list:
    """The handlers, javascript: and data: addresses, and foreign images of a page's markup."""
    found = []

    class Tags(HTMLParser):
        def handle_starttag(self, tag, attrs):
            for name, value in attrs:
                value = (value or "").strip().lower()
                if name.startswith("on") or value.startswith(("javascript:", "data:")):
                    found.append((tag, name, value))
            if tag == "img" and not dict(attrs).get("src", "").startswith("/static/"):
                found.append((tag, attrs))

    Tags().feed(page)
    return found


def test_hostile_markdown_stays_text_on_every_page_that_shows_the_entry(client_for):
    user = make_user(language="en")
    goal = make_goal(user, title="Fast search", slug="search")
    entry = make_entry(user, text=HOSTILE, date=D(2026, 3, 3))
    client = client_for(user)
    htmx = {"HX-Request": "true"}

    pages = [
        client.get(reverse("journal:today"), {"date": "2026-03-03"}),
        client.get(reverse("journal:feed")),
        client.get(reverse("journal:feed"), {"q": "also"}),
        client.get(reverse("journal:entry-row", args=[entry.pk]), headers=htmx),
        client.get(reverse("perf:goal-detail", args=[goal.pk])),
        client.post(reverse("perf:polish-entry", args=[entry.pk]), {}, headers=htmx),
        client.get(reverse("perf:summary-index")),
    ]

    for page in pages:
        assert page.status_code == 200, page.request["PATH_INFO"]
        assert "<script>alert(4)" not in page.text, page.request["PATH_INFO"]
        assert not live_markup(page.text), page.request["PATH_INFO"]
    goal_page = pages[4].text
    assert "<strong>[x](javascript:alert(1)) &lt;img src=x onerror=alert(1)&gt;" in goal_page


def test_lines_that_name_an_entry_beside_its_date_read_its_text_without_the_markup(client_for):
    """A summary's evidence, its open plans and a goal card's last entry keep one line per
    entry: the Markdown is taken off, not shown raw (`**`, backticks, link syntax) and not
    rendered into paragraphs that would break the line."""
    user = make_user()
    make_goal(user, title="Release", slug="release")
    typed = "Paired with Ivan: walked through `make release` and [the runbook](https://wiki.example.com/r)"
    make_entry(user, type="fact", date=D(2026, 3, 3), text=f"{typed} #release")
    make_entry(user, type="plan", date=D(2026, 3, 4), text="Profile the **search** endpoint")
    client = client_for(user)
    period = {"preset": "custom", "start": "2026-03-01", "end": "2026-03-31"}

    evidence = client.get(reverse("perf:summary-evidence"), period).text
    goals = client.get(reverse("perf:goal-list")).text

    assert "walked through make release and the runbook #release" in evidence
    assert "Profile the search endpoint" in evidence
    assert "walked through make release" in goals
    for page in (evidence, goals):
        assert "`make release`" not in page and "**search**" not in page
        assert "](https://wiki.example.com/r)" not in page
