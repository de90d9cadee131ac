"""A written summary read in Debian's Chromium (Playwright): read mode and its Edit toggle, a
citation opened with the mouse and the keyboard, Copy to the clipboard as HTML and plain
text, and print (and PDF) without a single control, the cited dates kept.

Locators use classes, ids and data attributes rather than translated labels.
"""

import datetime
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from playwright.sync_api import Page, expect

from conftest import make_entry, make_user, make_written_summary
from journal.models import EntryType
from perfassist.tests.browser import log_in

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/shots")


def _d(day):
    return datetime.date(2026, 3, day)


def flagged_summary():
    """An English March summary, and the id of its point that claims a figure its entry does
    not state."""
    user = make_user("reader", language="en")
    make_entry(user, type=EntryType.FACT, text="Cut CI time from 20 to 8 minutes", date=_d(3))
    make_entry(user, type=EntryType.FACT, text="Shipped search for the journal", date=_d(5))
    make_entry(user, type=EntryType.PLAN, text="Write the RFC", date=_d(20))
    summary = make_written_summary(user, language="en")
    client = Client()
    client.force_login(user)
    detail = client.get(reverse("perf:summary-detail", args=[summary.pk]))
    point = next(
        p
        for r in detail.context["reviews"]
        for p in [*r.outputs_pieces, *r.outcomes_pieces]
        if any(entry.text == "Cut CI time from 20 to 8 minutes" for entry in p.entries)
    )
    assert client.post(point.url, {"text": "Cut CI time from 20 to 5 minutes"}).status_code == 302
    return summary, f"piece-{point.key}"


def screenshot(page: Page, name: str):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}.png", full_page=True)


def test_read_a_summary_open_a_citation_copy_it_and_print_it(
    page: Page,
    live_server,
    browser_errors,
):
    summary, point_id = flagged_summary()
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    log_in(page, live_server, "reader")
    page.goto(live_server.url + reverse("perf:summary-detail", args=[summary.pk]))

    # Read mode: the first point's tools are out of sight until its section's toggle is on.
    point = page.locator(f"#{point_id}")
    section = page.locator("section.goal-review", has=point)
    tools = point.locator(".piece__tools")
    toggle = section.locator("[data-edit-toggle]")
    page.mouse.move(0, 0)
    expect(tools).to_have_css("opacity", "0")
    expect(section.locator(".section-tools")).to_have_css("opacity", "0")  # Write it again
    expect(toggle).to_have_attribute("aria-pressed", "false")
    screenshot(page, "summary-read")
    point.hover()
    expect(tools).to_have_css("opacity", "1")
    section.locator(".goal-review__head").hover()
    expect(section.locator(".section-tools")).to_have_css("opacity", "1")
    page.mouse.move(0, 0)
    expect(tools).to_have_css("opacity", "0")
    toggle.focus()
    page.keyboard.press("Enter")  # a real button: the keyboard works it
    expect(toggle).to_have_attribute("aria-pressed", "true")
    expect(section).to_have_class("goal-review review-part is-editing")
    expect(tools).to_have_css("opacity", "1")
    expect(tools.locator("a")).to_be_visible()
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "false")
    expect(tools).to_have_css("opacity", "0")

    # The flag: marked in the text, counted at the top.
    flag = point.locator("mark.claim-flag")
    expect(flag).to_have_text("5 minutes")
    expect(flag).to_have_attribute(
        "title", "The entries this cites do not say “5 minutes”: check it before you share it."
    )
    expect(page.locator(".flag-summary a")).to_have_text("1 claim needs a look")
    page.locator(".flag-summary a").click()
    expect(flag).to_be_focused()
    expect(tools).to_have_css("opacity", "1")  # the point holds the focus: its tools show

    # A citation mark opens its entry in place; Escape closes it, the focus back on the mark.
    mark = point.locator("button.cite").first
    entries = page.locator(f"#{mark.get_attribute('aria-controls')}")
    expect(entries).to_be_hidden()
    mark.click()
    expect(mark).to_have_attribute("aria-expanded", "true")
    expect(entries).to_be_visible()
    expect(entries).to_contain_text("Cut CI time from 20 to 8 minutes")
    expect(entries.locator("a")).to_have_text("3 Mar 2026")
    expect(entries.locator("a")).to_have_attribute("href", "/today/?date=2026-03-03")
    screenshot(page, "summary-citation")
    entries.locator("a").focus()
    page.keyboard.press("Escape")
    expect(entries).to_be_hidden()
    expect(mark).to_be_focused()
    expect(mark).to_have_attribute("aria-expanded", "false")
    page.keyboard.press(" ")
    expect(entries).to_be_visible()
    page.keyboard.press("Enter")
    expect(entries).to_be_hidden()

    # Copy: headings and bullets as HTML, the same as plain text, with the cited dates and
    # without a control or a mark.
    page.locator("[data-copy-review]").click()
    expect(page.locator(".copy-status")).to_have_text("Copied")
    clipboard = page.evaluate(
        """async () => {
            const [item] = await navigator.clipboard.read();
            const text = async (type) => (await item.getType(type)).text();
            return { types: item.types, html: await text("text/html"),
                     plain: await text("text/plain") };
        }"""
    )
    assert set(clipboard["types"]) >= {"text/html", "text/plain"}
    html, plain = clipboard["html"], clipboard["plain"]
    assert "<h1>Perf summary: 1 Mar 2026 – 31 Mar 2026</h1>" in html
    assert "<h2>" in html and "<h3>" in html and "<ul><li>" in html
    assert "<li>Cut CI time from 20 to 5 minutes (3 Mar 2026)</li>" in html
    assert "Shipped search for the journal (5 Mar 2026)</li>" in html
    assert plain.startswith("Perf summary: 1 Mar 2026 – 31 Mar 2026\n\n")
    assert "\n- Cut CI time from 20 to 5 minutes (3 Mar 2026)" in plain
    for text in (html, plain):
        for control in ("Edit", "Polish", "Remove", "Write this goal again", "need a look",
                        "<mark", "<button", "[1]", "What the review leaves out"):  # fmt: skip
            assert control not in text

    # Print: no control of any kind, the dates kept beside each point.
    page.emulate_media(media="print")
    controls = [
        ".piece__tools", "[data-edit-toggle]", ".section-tools", "button.cite",
        ".review-actions", ".flag-summary", ".coverage-section", ".site-header",
    ]  # fmt: skip
    for selector in controls:
        expect(page.locator(selector).first).to_be_hidden()
    expect(point.locator(".print-dates")).to_have_text(" (3 Mar 2026)")
    expect(section.locator("h2")).to_be_visible()
    screenshot(page, "summary-print")
    assert page.pdf(format="A4").startswith(b"%PDF")
    assert browser_errors == []
