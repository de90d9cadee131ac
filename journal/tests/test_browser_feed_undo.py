"""Delete and Undo in Feed, in Chromium at desktop and phone width: the row, the count and
an emptied day's heading go in place, and Undo brings the entry back with its goal chip,
without a page load. Fixtures live in perfassist/tests/browser.py."""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from conftest import make_entry, make_goal, make_user
from journal.models import Entry, EntryType
from perfassist.tests.browser import assert_same_page, log_in, mark_page

pytestmark = pytest.mark.browser

FEED = reverse("journal:feed")
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
D = datetime.date


@pytest.mark.parametrize("viewport", VIEWPORTS.values(), ids=VIEWPORTS.keys())
def test_delete_in_feed_then_undo_brings_the_entry_back_with_its_goal(
    page: Page, live_server, browser_errors, viewport
):
    user = make_user("alice", language="en")
    goal = make_goal(user, title="Fast search", slug="search")
    lone = make_entry(user, date=D(2026, 3, 4), text="Tuned the #search index")
    make_entry(user, date=D(2026, 3, 3), text="Reviewed two PRs")
    make_entry(user, date=D(2026, 3, 3), text="Paired on the release")
    assert list(lone.goals.all()) == [goal]
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.set_viewport_size(viewport)
    log_in(page, live_server, "alice")
    page.goto(live_server.url + FEED + "?type=fact")  # a filtered view counts its entries
    mark_page(page)
    count = page.locator("#feed-count")
    expect(count).to_have_text("3 entries")

    row = page.locator(f"#entry-{lone.pk}")
    row.locator('a[href$="/delete/"]').click()

    expect(row).to_have_count(0)
    expect(page.locator("#day-2026-03-04")).to_have_count(0)  # its day had no other entry
    expect(page.locator("#day-2026-03-03")).to_be_visible()
    expect(count).to_have_text("2 entries")
    status = page.locator("#undo-status")
    expect(status).to_contain_text("Entry deleted.")
    undo = status.get_by_role("button", name="Undo")
    expect(undo).to_be_in_viewport()
    assert dialogs == []
    assert not Entry.objects.filter(pk=lone.pk).exists()

    undo.click()

    expect(status).to_contain_text("Entry restored.")
    restored = page.locator(f"#day-2026-03-04 #entry-{lone.pk}")
    expect(restored).to_contain_text("Tuned the")
    expect(restored.locator("a.chip")).to_have_text("Fast search")
    expect(count).to_have_text("3 entries")
    assert list(Entry.objects.get(pk=lone.pk).goals.all()) == [goal]
    assert_same_page(page)
    expect(status).to_be_empty(timeout=10_000)  # the line goes by itself
    assert browser_errors == []


def test_the_undo_line_goes_after_its_seconds(page: Page, live_server, browser_errors):
    user = make_user("alice", language="en")
    entry = make_entry(user, date=D(2026, 3, 4), text="Written in haste")
    page.clock.install()
    log_in(page, live_server, "alice")
    page.goto(live_server.url + FEED)

    page.locator(f"#entry-{entry.pk}").locator('a[href$="/delete/"]').click()
    status = page.locator("#undo-status")
    expect(status).to_contain_text("Entry deleted.")
    page.clock.run_for(11_000)

    expect(status).to_be_empty()
    expect(page.locator("#feed-count")).to_contain_text("Your journal is empty.")
    assert not Entry.objects.exists()
    assert browser_errors == []


def test_undo_on_today_puts_the_plan_back_in_its_list(page: Page, live_server, browser_errors):
    user = make_user("alice", language="en")
    plan = make_entry(user, type=EntryType.PLAN, text="Draft the RFC", date=user.profile.today())
    log_in(page, live_server, "alice")
    mark_page(page)
    plans = page.locator("#plans-list")

    page.locator(f"#entry-{plan.pk}").locator('a[href$="/delete/"]').click()
    expect(plans.locator("li.entry")).to_have_count(0)
    expect(plans.locator("li.empty")).to_be_visible()
    page.locator("#undo-status").get_by_role("button", name="Undo").click()

    expect(plans.locator(f"#entry-{plan.pk}")).to_contain_text("Draft the RFC")
    expect(plans.locator("li.empty")).to_be_hidden()
    assert_same_page(page)
    assert browser_errors == []


def clear_of(page: Page, element, status) -> bool:
    """Whether `element` ends above the undo line, so the line covers none of it."""
    element, status = element.bounding_box(), status.bounding_box()
    return element["y"] + element["height"] <= status["y"]


@pytest.mark.parametrize("viewport", VIEWPORTS.values(), ids=VIEWPORTS.keys())
def test_the_undo_line_leaves_an_open_edit_forms_buttons_in_sight(
    page: Page, live_server, browser_errors, viewport
):
    user = make_user("alice", language="en")
    rows = [
        make_entry(user, date=D(2026, 3, 10 - day), text=f"Entry {day}: " + "a few words " * 8)
        for day in range(6)
    ]
    edited, deleted = rows[-1], rows[1]
    page.set_viewport_size(viewport)
    log_in(page, live_server, "alice")
    page.goto(live_server.url + FEED)
    row = page.locator(f"#entry-{edited.pk}")
    row.locator('a[href$="/edit/"]').click()
    save = row.get_by_role("button", name="Save")
    cancel = row.get_by_role("link", name="Cancel")
    page.locator(f"#entry-{deleted.pk}").locator('a[href$="/delete/"]').click()
    status = page.locator("#undo-status")
    expect(status).to_contain_text("Entry deleted.")

    # At the end of the page the line has room of its own, below the last row's form.
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    expect(status).to_be_in_viewport()
    assert clear_of(page, save, status) and clear_of(page, cancel, status)
    # Scrolled up to where the line covers Save, Tab to it brings Save out from under it.
    page.evaluate("window.scrollTo(0, 0)")
    box = save.bounding_box()
    page.evaluate(f"window.scrollTo(0, {box['y'] + box['height'] - viewport['height'] + 20})")
    assert not clear_of(page, save, status)
    row.locator("textarea").focus()
    page.keyboard.press("Tab")
    expect(save).to_be_focused()
    assert clear_of(page, save, status)
    assert browser_errors == []
