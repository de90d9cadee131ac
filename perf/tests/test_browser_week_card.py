"""The week's card on Today and in Feed says at once that its entries changed, in place and
only where it stands (Debian's Chromium, Playwright)."""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from conftest import make_entry, make_user
from journal.models import EntryType
from perf.llm import LLMConfig
from perf.models import WeekSummary
from perf.services.weeks import write_week
from perfassist.tests.browser import log_in

pytestmark = pytest.mark.browser
CHANGED = "Entries of this week changed since this was written."


def written_week(user, day):
    monday = day - datetime.timedelta(days=day.weekday())
    week = WeekSummary.objects.create(user=user, week_start=monday, language="en", role="engineer")
    write_week(week, LLMConfig(provider="offline"))


def test_adding_a_fact_on_today_updates_the_weeks_card_in_place(
    page: Page, live_server, browser_errors
):
    user = make_user("wendy", language="en")
    today = user.profile.today()
    make_entry(user, type=EntryType.FACT, text="Shipped the importer", date=today)
    written_week(user, today)
    log_in(page, live_server, "wendy")
    page.goto(live_server.url + reverse("journal:today"))
    expect(page.locator(".week-card")).to_have_count(1)

    page.locator("#fact-text").fill("Reviewed the importer's error messages")
    page.locator("#fact-text").press("Control+Enter")

    expect(page.locator("#facts-list")).to_contain_text("Reviewed the importer")
    expect(page.locator(".week-card")).to_have_count(1)
    expect(page.locator(".week-card")).to_contain_text(CHANGED)  # at once, no reload
    assert browser_errors == []
