"""Rows show an entry's Markdown rendered (journal/markdown.py); the LLM gets the text as the
user typed it, never the HTML: in a summary's journal and in a polish request. The real
anthropic SDK talks to the local fake server."""

import datetime

import pytest
from django.urls import reverse

from conftest import make_entry, make_user
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
