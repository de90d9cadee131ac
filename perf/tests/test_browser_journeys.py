"""perf's parts of journal's journeys, in Debian's Chromium (Playwright) against a live
server: a summary from the evidence to the written page, a week summarised in Feed and an
entry polished, a week's points copied from its card. Fixtures live in
perfassist/tests/browser.py."""

import datetime
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import Page, expect

from conftest import make_entry, make_user
from journal.models import EntryType
from perf.llm import LLMConfig
from perf.models import PerfSummary, WeekSummary
from perf.services.weeks import write_week
from perfassist.tests.browser import assert_same_page, log_in, mark_page

pytestmark = pytest.mark.browser

FEED = reverse("journal:feed")


def test_a_summary_from_evidence_to_the_written_page(page: Page, live_server, browser_errors):
    user = make_user("alice")
    today = user.profile.today()
    make_entry(user, type=EntryType.FACT, text="Shipped search, p95 from 30 to 9 ms", date=today)
    noise = make_entry(user, type=EntryType.FACT, text="Mostly meetings", date=today)
    log_in(page, live_server, "alice")
    page.goto(live_server.url + reverse("perf:summary-index"))

    evidence = page.locator("#evidence")
    expect(evidence).to_contain_text("Mostly meetings")  # loaded by htmx
    evidence.locator(f'input[name=exclude][value="{noise.pk}"]').check()
    page.locator("main form button[type=submit]").first.click()
    expect(page.locator("#summary-body")).to_contain_text("Waiting for the worker")

    call_command("run_worker", "--batch", "--queue-name", "*", "--no-startup-delay")

    expect(page.locator(".goal-review")).to_contain_text("Shipped search", timeout=10_000)
    expect(page.locator(".goal-review")).not_to_contain_text("Mostly meetings")
    assert PerfSummary.objects.get().excluded_entry_ids == [str(noise.pk)]

    # Edit a point in place: it comes back locked, its new figure flagged.
    mark_page(page)
    point = page.locator(".goal-review .bullets > li").first
    point_id = point.get_attribute("id")
    point.hover()  # read mode: a point's tools show on hover (or its section's Edit toggle)
    point.locator(".piece__tools a").click()
    page.locator(f"#{point_id} textarea").fill("Shipped search, p95 down 80%")
    page.locator(f"#{point_id} button[type=submit]").click()
    edited = page.locator(f"#{point_id}")
    expect(edited).to_have_class(re.compile("piece--locked"))
    expect(edited.locator("mark.claim-flag")).to_contain_text("80")
    assert_same_page(page)

    # Write the goal again: the edited point stays.
    page.locator(".goal-review__head").first.hover()  # read mode: its tools show on hover
    page.locator(".goal-review__head form button").first.click()
    expect(page.locator("#summary-body .card")).to_be_visible()
    call_command("run_worker", "--batch", "--queue-name", "*", "--no-startup-delay")
    expect(page.locator("#summary-body .card")).to_have_count(0, timeout=10_000)
    expect(page.locator(f"#{point_id}")).to_contain_text("Shipped search, p95 down 80%")
    assert browser_errors == []


def test_a_week_summarised_in_feed_and_an_entry_polished(page: Page, live_server, browser_errors):
    from django.core.management import call_command

    user = make_user("bob")
    today = user.profile.today()
    entry = make_entry(user, type=EntryType.FACT, text="just cut CI time from 20 to 8 minutes",
                       date=today)  # fmt: skip
    log_in(page, live_server, "bob")
    page.goto(live_server.url + FEED)
    mark_page(page)

    card = page.locator(".week-card").first
    card.locator("button[type=submit]").click()
    expect(page.locator(".week-card").first).to_have_attribute("hx-trigger", "every 2s")
    call_command("run_worker", "--batch", "--queue-name", "*", "--no-startup-delay")
    expect(page.locator(".week-card .bullets").first).to_contain_text(
        "just cut CI time from 20 to 8 minutes", timeout=10_000
    )

    row = page.locator(f"#entry-{entry.pk}")
    row.locator(".entry__actions a").first.click()  # Edit
    page.locator(f"#entry-{entry.pk} button[formaction]").click()  # Polish
    after = page.locator(f"#entry-{entry.pk} textarea[name=text]")
    expect(after).to_have_value("Cut CI time from 20 to 8 minutes")
    page.locator(f"#entry-{entry.pk} button[name=accept]").click()
    expect(page.locator(f"#entry-{entry.pk} .entry__text")).to_have_text(
        "Cut CI time from 20 to 8 minutes"
    )
    assert_same_page(page)
    entry.refresh_from_db()
    assert entry.text == "Cut CI time from 20 to 8 minutes"
    assert browser_errors == []


def test_a_weeks_points_copied_from_its_card_in_feed(page: Page, live_server, browser_errors):
    user = make_user("carol", language="en")
    today = user.profile.today()
    monday = today - datetime.timedelta(days=today.weekday())
    make_entry(user, type=EntryType.FACT, text="Cut CI time from 20 to 8 minutes", date=monday)
    make_entry(user, type=EntryType.FACT, text="Shipped search for the journal", date=monday)
    week = WeekSummary.objects.create(user=user, week_start=monday, language="en", role="engineer")
    write_week(week, LLMConfig(provider="offline"))
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    log_in(page, live_server, "carol")
    page.goto(live_server.url + FEED)

    card = page.locator(".week-card").first
    card.locator("[data-copy-points]").click()
    expect(card.locator(".copy-status")).to_have_text("Copied")
    plain = page.evaluate("navigator.clipboard.readText()")
    lines = plain.split("\n")
    assert sorted(lines) == [
        "- Cut CI time from 20 to 8 minutes",
        "- Shipped search for the journal",
    ]
    assert browser_errors == []
