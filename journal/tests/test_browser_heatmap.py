"""Feed's year of facts and an entry's Markdown, in Chromium at desktop and phone width: a
day of the heatmap opens that day on Today (on a phone this week is in view without
scrolling), and a Markdown link in an entry is a real link. Fixtures live in
perfassist/tests/browser.py."""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from conftest import make_entry, make_user
from journal.models import EntryType
from journal.rows import day_url
from perfassist.tests.browser import log_in

pytestmark = pytest.mark.browser

FEED = reverse("journal:feed")
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}


@pytest.mark.parametrize("viewport", VIEWPORTS.values(), ids=VIEWPORTS.keys())
def test_a_heatmap_day_opens_that_day(page: Page, live_server, browser_errors, viewport):
    user = make_user("alice", language="en")
    today = user.profile.today()
    day = today - datetime.timedelta(days=2)
    make_entry(user, type=EntryType.FACT, text="Cut the build to 8 minutes", date=day)
    make_entry(user, type=EntryType.FACT, text="Wrote the runbook", date=day)
    page.set_viewport_size(viewport)
    log_in(page, live_server, "alice")
    page.goto(live_server.url + FEED)

    cell = page.locator(f'.heatmap__grid a[href="{day_url(day)}"]')
    expect(cell.locator("title")).to_contain_text("2 facts on")
    expect(cell.locator("rect")).to_have_class("heatmap__day heatmap__day--2")
    expect(cell).to_be_in_viewport()  # a phone's scroller starts at this week
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0  # the grid scrolls inside its box, not the page

    cell.click()

    expect(page).to_have_url(live_server.url + day_url(day))
    expect(page.locator("main")).to_contain_text("Cut the build to 8 minutes")
    assert browser_errors == []


@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_on_a_phone_the_weekdays_stay_in_sight_while_the_months_scroll(
    page: Page, live_server, browser_errors, language, scheme
):
    user = make_user("alice", language=language)
    today = user.profile.today()
    page.set_viewport_size(VIEWPORTS["phone"])
    page.emulate_media(color_scheme=scheme)
    log_in(page, live_server, "alice")
    page.goto(live_server.url + FEED)
    scroller = page.locator(".heatmap__scroll")
    weekdays = page.locator(".heatmap__weekdays text")
    expect(weekdays).to_have_count(3)
    this_week = page.locator(f'.heatmap__grid a[href="{day_url(today)}"]')
    expect(this_week).to_be_in_viewport()

    def labels_beside_rows(monday):
        """Each label in sight, left of the scroller, level with its weekday's row."""
        box = scroller.bounding_box()
        for row, label in zip((0, 2, 4), weekdays.all(), strict=True):
            text = label.bounding_box()
            cell = page.locator(
                f'.heatmap__grid a[href="{day_url(monday + datetime.timedelta(days=row))}"] rect'
            ).bounding_box()
            assert 0 <= text["x"] and text["x"] + text["width"] <= box["x"], label.text_content()
            middle = text["y"] + text["height"] / 2
            assert cell["y"] <= middle <= cell["y"] + cell["height"], label.text_content()

    assert scroller.evaluate("el => el.scrollWidth > el.clientWidth")  # it does scroll here
    last_monday = today - datetime.timedelta(days=today.weekday() + 7)
    labels_beside_rows(last_monday)
    scroller.evaluate("el => el.scrollBy({left: -10000})")  # back to last year's weeks
    expect(this_week).not_to_be_in_viewport()
    labels_beside_rows(last_monday - datetime.timedelta(weeks=51))
    assert page.evaluate("document.documentElement.scrollWidth") <= VIEWPORTS["phone"]["width"]
    assert browser_errors == []


@pytest.mark.parametrize("viewport", VIEWPORTS.values(), ids=VIEWPORTS.keys())
def test_a_markdown_link_in_an_entry_is_a_real_link(
    page: Page, live_server, browser_errors, viewport
):
    user = make_user("alice", language="en")
    entry = make_entry(
        user,
        text="Merged **the fix**: [PR 42](https://code.example/acme/pull/42), `make test` green",
        date=user.profile.today(),
    )
    page.route(
        "https://code.example/**",
        lambda route: route.fulfill(body="<title>PR 42</title>", content_type="text/html"),
    )
    page.set_viewport_size(viewport)
    log_in(page, live_server, "alice")
    page.goto(live_server.url + FEED)

    row = page.locator(f"#entry-{entry.pk}")
    expect(row.locator("strong")).to_have_text("the fix")
    expect(row.locator("code")).to_have_text("make test")
    link = row.get_by_role("link", name="PR 42")
    expect(link).to_have_attribute("rel", "noopener noreferrer nofollow")

    link.click()

    expect(page).to_have_url("https://code.example/acme/pull/42")
    assert browser_errors == []
