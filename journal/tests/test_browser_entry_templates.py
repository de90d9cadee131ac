"""Entry templates on Today in Chromium, at desktop and phone width: a pick fills the box
in place, the cursor waits at the first blank, and what is typed is kept. Fixtures live in
perfassist/tests/browser.py."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from conftest import make_user
from journal.models import Entry, EntryTemplate
from perfassist.tests.browser import assert_same_page, log_in, mark_page

pytestmark = pytest.mark.browser

TODAY = reverse("journal:today")
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}


def choice(page: Page, box: str, key: str):
    return page.locator(f'#{box}-form a[data-template-text][href*="template={key}&"]')


def caret(page: Page, box: str) -> int:
    return page.locator(f"#{box}-text").evaluate("box => box.selectionStart")


@pytest.mark.parametrize("viewport", VIEWPORTS.values(), ids=VIEWPORTS.keys())
def test_a_picked_template_fills_the_box_and_saves_as_an_entry(
    page: Page, live_server, browser_errors, viewport
):
    user = make_user("alice", language="en")
    page.set_viewport_size(viewport)
    log_in(page, live_server, "alice")
    mark_page(page)

    shipped = choice(page, "fact", "shipped")
    expect(shipped).to_be_visible()
    shipped.click()

    box = page.locator("#fact-text")
    expect(box).to_have_value("Shipped: \nWhy: \nMeasured result: ")
    expect(box).to_be_focused()
    assert caret(page, "fact") == len("Shipped: ")
    page.keyboard.type("search v2")
    page.locator("#fact-form button[type=submit]").click()

    expect(page.locator("#facts-list")).to_contain_text("Shipped: search v2")
    assert Entry.objects.get(user=user).text == "Shipped: search v2\nWhy: \nMeasured result:"
    expect(page.locator("#fact-text")).to_have_value("")  # a fresh box for the next one
    assert_same_page(page)  # filled and saved in place, no page load
    # The buttons fit the phone's width: nothing sticks out sideways.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert browser_errors == []


def test_a_template_goes_in_at_the_cursor_and_keeps_what_was_typed(
    page: Page, live_server, browser_errors
):
    make_user("alice", language="en")
    log_in(page, live_server, "alice")
    box = page.locator("#fact-text")
    box.fill("Paired with Bob")

    choice(page, "fact", "helped").click()

    expect(box).to_have_value("Paired with Bob\nHelped: \nWith: ")
    assert caret(page, "fact") == len("Paired with Bob\nHelped: ")
    page.keyboard.press("Control+z")  # the pick is one step to undo
    expect(box).to_have_value("Paired with Bob")
    assert browser_errors == []


def test_an_own_template_fills_the_plan_box_in_the_users_language(
    page: Page, live_server, browser_errors
):
    user = make_user("alice", language="en")
    own = EntryTemplate.objects.create(user=user, name="Retro", text="Ретро: \nИтог: ")
    log_in(page, live_server, "alice")

    choice(page, "plan", own.pk).click()

    expect(page.locator("#plan-text")).to_have_value("Ретро: \nИтог: ")
    expect(page.locator("#plan-text")).to_be_focused()
    assert caret(page, "plan") == len("Ретро: ")
    expect(page.locator("#fact-text")).to_have_value("")
    assert browser_errors == []


def test_a_template_link_opened_as_a_page_puts_the_cursor_at_the_first_blank(
    page: Page, live_server, browser_errors
):
    make_user("alice", language="en")
    log_in(page, live_server, "alice")

    page.goto(f"{live_server.url}{TODAY}?template=incident")

    expect(page.locator("#fact-text")).to_have_value("Incident: \nMy part: \nResult: ")
    expect(page.locator("#fact-text")).to_be_focused()
    assert caret(page, "fact") == len("Incident: ")
    assert browser_errors == []
