"""The keyboard shortcuts and the phone layout, in Debian's Chromium (Playwright) against a
live server. Fixtures live in perfassist/tests/browser.py; the server side of both is in
test_shortcuts_and_phone.py."""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from conftest import make_entry, make_goal, make_user
from journal.models import ApiToken, EntryType
from perfassist.tests.browser import assert_same_page, log_in, mark_page

pytestmark = pytest.mark.browser

TODAY = reverse("journal:today")
FEED = reverse("journal:feed")
PHONE = {"width": 390, "height": 844}
PAGES = {
    "Today": TODAY,
    "Feed": FEED,
    "Goals": reverse("perf:goal-list"),
    "Perf summary": reverse("perf:summary-index"),
    "Review forms": reverse("perf:form-list"),
    "Settings": reverse("journal:profile"),
}


def focused_id(page: Page) -> str:
    return page.evaluate("document.activeElement.id")


def press_outside_fields(page: Page, key: str):
    """Press `key` with the focus on the page itself, as after a click on its background."""
    page.evaluate("document.activeElement.blur()")
    page.keyboard.press(key)


def test_shortcuts_focus_the_boxes_move_between_entries_and_cancel_an_edit(
    page: Page, live_server, browser_errors
):
    user = make_user("nina")
    today = user.profile.today()
    plan = make_entry(user, type=EntryType.PLAN, text="Review the billing design", date=today)
    fact = make_entry(user, type=EntryType.FACT, text="Fixed the flaky login test", date=today)
    log_in(page, live_server, "nina")

    # n: the box to add a fact. Letters typed in it are text, not shortcuts.
    press_outside_fields(page, "n")
    expect(page.locator("#fact-text")).to_be_focused()
    page.keyboard.type("njk/?")
    expect(page.locator("#fact-text")).to_have_value("njk/?")
    expect(page.locator("#shortcuts")).not_to_be_visible()
    page.locator("#fact-text").fill("")

    # j/k: from entry to entry, in the page's order (plans, then facts), with a focus ring.
    press_outside_fields(page, "j")
    assert focused_id(page) == f"entry-{plan.pk}"
    page.keyboard.press("j")
    assert focused_id(page) == f"entry-{fact.pk}"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"
    page.keyboard.press("j")  # the last stays the last
    assert focused_id(page) == f"entry-{fact.pk}"
    page.keyboard.press("k")
    assert focused_id(page) == f"entry-{plan.pk}"
    # Not with Ctrl, Alt or Meta held: those belong to the browser.
    for chord in ("Control+j", "Alt+j", "Meta+j"):
        page.keyboard.press(chord)
        assert focused_id(page) == f"entry-{plan.pk}", chord

    # Esc cancels an inline edit as its Cancel does: the row as it was, in the same page.
    mark_page(page)
    row = page.locator(f"#entry-{fact.pk}")
    row.locator('a[href$="/edit/"]').click()
    textarea = row.locator("textarea[name=text]")
    textarea.fill("Fixed the flaky login test and two more")
    page.keyboard.type("jk")  # typing in the edit form moves nothing
    expect(textarea).to_be_focused()
    page.keyboard.press("Escape")
    expect(row.locator("form")).to_have_count(0)
    expect(row.locator(".entry__text")).to_have_text("Fixed the flaky login test")
    expect(row.locator('a[href$="/edit/"]')).to_be_focused()
    # ... and with the focus nowhere in particular, while that row alone is being edited.
    row.locator('a[href$="/edit/"]').click()
    expect(row.locator("textarea[name=text]")).to_be_visible()
    press_outside_fields(page, "Escape")
    expect(row.locator("form")).to_have_count(0)
    assert_same_page(page)

    # ?: the list of shortcuts, a modal dialog that Esc closes.
    press_outside_fields(page, "?")
    dialog = page.locator("#shortcuts")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("heading")).to_have_text("Keyboard shortcuts")
    assert page.evaluate("document.getElementById('shortcuts').matches(':modal')")
    page.keyboard.press("n")  # no shortcut over the open list
    expect(dialog).to_be_visible()
    page.keyboard.press("Escape")
    expect(dialog).not_to_be_visible()
    # The account menu offers it too, for those who don't know "?".
    page.locator(".account-menu > summary").click()
    page.locator(".account-menu [data-shortcuts-open]").click()
    expect(dialog).to_be_visible()
    dialog.locator("form[method=dialog] button").click()
    expect(dialog).not_to_be_visible()

    # /: from Today to Feed's search, focused; typing there is a search, not shortcuts.
    press_outside_fields(page, "/")
    expect(page).to_have_url(f"{live_server.url}{FEED}#search-feed")
    search = page.locator("#feed-filters input[name=q]")
    expect(search).to_be_focused()
    page.keyboard.type("flaky n")
    expect(search).to_have_value("flaky n")
    page.keyboard.press("Enter")
    expect(page.locator(".result-count")).to_contain_text("1 entry")

    # In Feed, j reaches the found entry; n goes to Today's box.
    press_outside_fields(page, "j")
    assert focused_id(page) == f"entry-{fact.pk}"
    page.keyboard.press("n")
    expect(page).to_have_url(f"{live_server.url}{TODAY}#fact-text")
    expect(page.locator("#fact-text")).to_be_focused()
    assert browser_errors == []


def test_shortcuts_follow_the_keys_place_on_a_russian_layout(
    page: Page, live_server, browser_errors
):
    make_user("oleg", language="ru")
    log_in(page, live_server, "oleg")

    # The key marked N gives "т" on ЙЦУКЕН; the one marked / gives ".", with Shift ",".
    page.evaluate("document.activeElement.blur()")
    page.dispatch_event("body", "keydown", {"key": ",", "code": "Slash", "shiftKey": True})
    expect(page.locator("#shortcuts")).to_be_visible()
    page.keyboard.press("Escape")
    page.dispatch_event("body", "keydown", {"key": "т", "code": "KeyN"})
    expect(page.locator("#fact-text")).to_be_focused()
    assert browser_errors == []


def nav_layout(page: Page) -> dict:
    """The nav's items: on one line or not, and the room left before the account menu, which
    margin-left: auto pushes to the right."""
    return page.evaluate(
        """() => {
          const nav = document.querySelector('.site-header nav');
          const boxes = [...nav.children].map((child) => child.getBoundingClientRect());
          const gap = parseFloat(getComputedStyle(nav).columnGap);
          return {
            widths: boxes.map((box) => Math.round(box.width)),
            spare: Math.round(boxes.at(-1).left - boxes.at(-2).right - gap),
            scroll: nav.scrollWidth,
            client: nav.clientWidth,
            oneLine: Math.max(...boxes.map((box) => box.top))
              < Math.min(...boxes.map((box) => box.bottom)),
          };
        }"""
    )


def fits(layout: dict) -> bool:
    return layout["oneLine"] and layout["spare"] >= 0 and layout["scroll"] <= layout["client"]


def overflow(page: Page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def overflowing(page: Page, width: int = PHONE["width"]) -> list[str]:
    """What sticks out on the right, to say so when a page overflows."""
    return page.evaluate(
        """(width) => [...document.querySelectorAll('body *')]
          .filter((element) => element.getBoundingClientRect().right > width)
          .map((element) => element.outerHTML.slice(0, 160)).slice(0, 5)""",
        width,
    )


@pytest.mark.parametrize("language", ["en", "ru"])
def test_at_390_px_the_nav_fits_one_line_and_no_page_overflows(
    page: Page, live_server, browser_errors, language
):
    user = make_user("konstantin.konstantinopolsky", language=language)
    make_goal(user, title="Надёжная и быстрая система биллинга для корпоративных клиентов")
    today = user.profile.today()
    last_week = today - datetime.timedelta(days=7)
    make_entry(
        user,
        type=EntryType.FACT,
        text="Выкатил https://example.com/a/very/long/link/to/a/pull/request/without/any/breaks/12345",
        date=today,
    )
    make_entry(user, type=EntryType.PLAN, text="Подготовить миграцию базы данных", date=today)
    make_entry(user, type=EntryType.FACT, text="Провёл ревью кода коллеги", date=last_week)
    ApiToken.issue(user, "Ноутбук на работе, для скриптов")  # Settings lists its tokens
    page.set_viewport_size(PHONE)
    log_in(page, live_server, user.username)

    backgrounds = set()
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        for name, path in PAGES.items():
            page.goto(live_server.url + path)
            page.wait_for_load_state("networkidle")  # and what htmx loads then (the evidence)
            layout = nav_layout(page)
            assert fits(layout), (name, scheme, layout)
            assert overflow(page) <= PHONE["width"], (name, scheme, overflowing(page))
        backgrounds.add(page.evaluate("getComputedStyle(document.body).backgroundColor"))
    assert len(backgrounds) == 2  # the dark scheme did apply

    # A narrower phone's too.
    page.set_viewport_size({"width": 360, "height": 780})
    layout = nav_layout(page)
    assert fits(layout), layout
    assert overflow(page) <= 360, overflowing(page, 360)

    # The open shortcuts list and the open account menu fit too.
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + TODAY)
    press_outside_fields(page, "?")
    box = page.locator("#shortcuts").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    page.keyboard.press("Escape")
    page.locator(".account-menu > summary").click()
    assert overflow(page) <= PHONE["width"]
    assert browser_errors == []


def test_on_a_phone_todays_fact_box_comes_first_and_feeds_filters_fold(
    page: Page, live_server, browser_errors
):
    user = make_user("vera")
    today = user.profile.today()
    plans = [
        make_entry(user, type=EntryType.PLAN, text=f"Plan number {number}", date=today)
        for number in range(3)
    ]
    fact = make_entry(user, type=EntryType.FACT, text="Wrote the migration", date=today)
    page.set_viewport_size(PHONE)
    log_in(page, live_server, "vera")

    def top(selector):
        return page.locator(selector).bounding_box()["y"]

    # Today: the Facts heading and its box above the facts, the plans and their box.
    assert top("#facts-title") < top("#fact-form") < top("#facts-list") < top("#plans-title")
    assert top("#fact-form") < top("#plan-form")
    # j/k go as the lists show: the fact, then the plans.
    press_outside_fields(page, "j")
    assert focused_id(page) == f"entry-{fact.pk}"
    page.keyboard.press("j")
    assert focused_id(page) == f"entry-{plans[0].pk}"
    # On a desktop, two columns side by side: plans on the left, each box under its list.
    page.set_viewport_size({"width": 1280, "height": 800})
    plans, facts = (
        page.locator("#plan-column").bounding_box(),
        page.locator("#fact-column").bounding_box(),
    )
    assert plans["x"] < facts["x"] and plans["y"] == facts["y"]
    assert top("#facts-list") < top("#fact-form")

    # Feed on a phone: one "Filters" button, and the entries right under it.
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + FEED)
    fold = page.locator("#feed-filters")
    expect(fold.locator("summary")).to_be_visible()
    expect(fold.locator("form")).not_to_be_visible()
    assert fold.bounding_box()["height"] < 60
    assert top(".feed-day") < PHONE["height"]
    fold.locator("summary").click()
    expect(fold.locator("input[name=q]")).to_be_visible()
    fold.locator("summary").click()
    expect(fold.locator("input[name=q]")).not_to_be_visible()
    # "/" unfolds them and focuses the search.
    press_outside_fields(page, "/")
    expect(fold.locator("input[name=q]")).to_be_focused()
    page.keyboard.type("number 2")
    fold.locator("button[type=submit]").click()
    # A set filter keeps them open, so what is set shows.
    expect(page.locator(".result-count")).to_contain_text("1 entry")
    expect(fold.locator("input[name=q]")).to_be_visible()

    # On a desktop the filters show, folded or not, and no button is needed.
    page.goto(live_server.url + FEED)
    page.set_viewport_size({"width": 1280, "height": 800})
    expect(fold.locator("input[name=q]")).to_be_visible()
    expect(fold.locator("summary")).not_to_be_visible()
    assert browser_errors == []


def test_chromium_reads_the_manifest_and_finds_the_app_installable(
    page: Page, live_server, browser_errors
):
    make_user("zoe")
    log_in(page, live_server, "zoe")
    page.wait_for_load_state("networkidle")
    devtools = page.context.new_cdp_session(page)

    manifest = devtools.send("Page.getAppManifest")
    assert manifest["url"] == f"{live_server.url}{reverse('journal:manifest')}"
    assert manifest["errors"] == []
    assert manifest["manifest"]["startUrl"] == f"{live_server.url}{TODAY}"
    assert manifest["manifest"]["display"] == "kStandalone"
    # Playwright's browser contexts are incognito ones, where Chromium installs nothing: that
    # is the one reason it may give.
    errors = devtools.send("Page.getInstallabilityErrors")["installabilityErrors"]
    assert {error["errorId"] for error in errors} <= {"in-incognito"}, errors
    assert browser_errors == []


def test_today_sets_no_inline_style_after_a_resized_box_is_swapped(
    page: Page, live_server, browser_errors
):
    # Dragging a textarea's corner leaves style="height: …" on it; htmx used to copy that
    # onto the box it swaps in (attributesToSettle), which the CSP refuses as inline style.
    user = make_user("ilya", language="en")
    plan = make_entry(
        user, type=EntryType.PLAN, text="Ship the importer", date=user.profile.today()
    )
    page.set_viewport_size(PHONE)
    log_in(page, live_server, "ilya")
    box = page.locator("#fact-text")
    corner = box.bounding_box()
    page.mouse.move(corner["x"] + corner["width"] - 3, corner["y"] + corner["height"] - 3)
    page.mouse.down()
    page.mouse.move(corner["x"] + corner["width"] - 3, corner["y"] + corner["height"] + 60)
    page.mouse.up()
    assert box.get_attribute("style")  # Chromium's own resize, allowed by the CSP

    # Done on the plan swaps in the fact form, filled from it; Ctrl+Enter adds the fact.
    page.locator(f"#entry-{plan.pk}").get_by_role("link", name="Done").click()
    expect(box).to_have_value("Ship the importer")
    box.press("Control+Enter")
    expect(page.locator("#facts-list")).to_contain_text("Ship the importer")
    page.wait_for_load_state("networkidle")

    assert browser_errors == []  # CSP refusals included (perfassist/tests/browser.py)
