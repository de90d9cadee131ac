"""Real user journeys in Debian's Chromium (Playwright) against a live server.

Locators use ids, name attributes and URLs rather than translated labels: the UI language
changes in the middle of the main journey. Fixtures live in perfassist/tests/browser.py.
"""

import datetime
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from playwright.sync_api import Page, expect

from conftest import make_entry, make_user
from journal.models import Entry, EntryType
from perfassist.tests.browser import assert_same_page, log_in, mark_page

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/shots")
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}

TODAY = reverse("journal:today")
FEED = reverse("journal:feed")
PROFILE = reverse("journal:profile")
SETUP = reverse("journal:setup")


def nav_link(page: Page, path: str):
    """The main navigation's link to `path` (not the brand, which links to Today too)."""
    return page.locator(f'.site-header nav > a:not(.brand)[href="{path}"]')


def is_lists_refresh(response) -> bool:
    """The GET with which Today reloads its lists after an edit or a delete (htmx)."""
    request = response.request
    return (
        request.method == "GET"
        and request.headers.get("hx-request") == "true"
        and urlsplit(request.url).path == TODAY
    )


def screenshot(page: Page, name: str):
    SHOTS.mkdir(parents=True, exist_ok=True)
    original = page.viewport_size
    for label, size in VIEWPORTS.items():
        page.set_viewport_size(size)
        page.screenshot(path=SHOTS / f"{name}-{label}.png", full_page=True)
    page.set_viewport_size(original)


def test_first_run_plan_done_search_and_switch_language(page: Page, live_server, browser_errors):
    assert not get_user_model().objects.exists()
    plan_text = "Подготовить миграцию базы данных для биллинга"
    other_fact_text = "Провёл ревью кода коллеги"
    done_text = "Выкатил миграцию базы данных без простоя"

    # A brand-new install sends its first visitor to "create your account".
    page.goto(live_server.url + "/")
    expect(page).to_have_url(live_server.url + SETUP)
    setup_form = page.locator("main form")
    # app.js preselects the browser's time zone (the context runs in Moscow).
    expect(setup_form.locator("select[name=time_zone]")).to_have_value("Europe/Moscow")
    setup_form.locator("input[name=username]").fill("marina")
    setup_form.locator("input[name=password1]").fill("a long passphrase 42")
    setup_form.locator("input[name=password2]").fill("a long passphrase 42")
    setup_form.locator("select[name=language]").select_option("ru")
    setup_form.locator("button[type=submit]").click()

    # Today, in Russian now, although the browser asks for English.
    expect(page).to_have_url(live_server.url + TODAY)
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(nav_link(page, TODAY)).to_have_text("Сегодня")
    expect(nav_link(page, FEED)).to_have_text("Лента")
    user = get_user_model().objects.get()
    assert (user.profile.language, user.profile.time_zone) == ("ru", "Europe/Moscow")
    today = user.profile.today()
    mark_page(page)

    # A plan, added with Ctrl+Enter.
    page.locator("#plan-text").fill(plan_text)
    page.locator("#plan-text").press("Control+Enter")
    plan_row = page.locator("#plans-list > li.entry", has_text=plan_text)
    expect(plan_row).to_be_visible()
    expect(page.locator("#plan-text")).to_have_value("")
    plan = Entry.objects.get(type=EntryType.PLAN)
    assert (plan.text, plan.date) == (plan_text, today)

    # A fact, added with the button.
    page.locator("#fact-text").fill(other_fact_text)
    page.locator("#fact-form button[type=submit]").click()
    expect(page.locator("#facts-list > li.entry", has_text=other_fact_text)).to_be_visible()
    expect(page.locator("#fact-text")).to_have_value("")

    # "Done" on the plan: htmx swaps in the fact form, prefilled with the plan.
    plan_row.locator('a[href*="done="]').click()
    expect(page.locator("#fact-text")).to_have_value(plan_text)
    expect(page.locator("#fact-form input[name=fulfils_plan]")).to_have_value(str(plan.pk))
    page.locator("#fact-text").fill(done_text)
    page.locator("#fact-form button[type=submit]").click()
    expect(page.locator("#facts-list > li.entry", has_text=done_text)).to_be_visible()
    expect(plan_row.locator(".badge--done")).to_be_visible()
    expect(plan_row).to_have_class(re.compile(r"\bentry--done\b"))
    expect(plan_row.locator('a[href*="done="]')).to_have_count(0)
    expect(page.locator("#fact-form input[name=fulfils_plan]")).to_have_value("")
    done_fact = Entry.objects.get(text=done_text)
    assert (done_fact.type, done_fact.fulfils_plan_id, done_fact.date) == (
        EntryType.FACT,
        plan.pk,
        today,
    )
    assert Entry.objects.count() == 3
    assert_same_page(page)  # every step on Today was an htmx swap
    screenshot(page, "today-ru")

    # Feed: the search folds case in Cyrillic too.
    nav_link(page, FEED).click()
    expect(page).to_have_url(live_server.url + FEED)
    page.locator("main form[role=search] input[name=q]").fill("МИГРАЦИЮ")
    page.locator("main form[role=search] button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"[?&]q=%D0%9C%D0%98%D0%93"))  # "МИГ…", percent-encoded
    found = page.locator("main .feed-day li.entry")
    expect(found).to_have_count(2)
    expect(found.filter(has_text=plan_text)).to_have_count(1)
    expect(found.filter(has_text=done_text)).to_have_count(1)
    expect(found.filter(has_text=other_fact_text)).to_have_count(0)
    expect(page.locator("main")).not_to_contain_text(other_fact_text)
    screenshot(page, "feed-ru")

    # Settings: back to English.
    page.locator(".site-header details.account-menu > summary").click()
    page.locator(f'.site-header .account-menu a[href="{PROFILE}"]').click()
    expect(page).to_have_url(live_server.url + PROFILE)
    page.locator("main form select[name=language]").select_option("en")
    page.locator("main form:has(select[name=language]) button[type=submit]").click()
    expect(page).to_have_url(live_server.url + PROFILE)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(nav_link(page, TODAY)).to_have_text("Today")
    expect(nav_link(page, FEED)).to_have_text("Feed")
    user.profile.refresh_from_db()
    assert user.profile.language == "en"

    nav_link(page, TODAY).click()
    expect(page).to_have_url(live_server.url + TODAY)
    expect(page.locator("#plans-list > li.entry.entry--done", has_text=plan_text)).to_be_visible()
    screenshot(page, "today-en")
    nav_link(page, FEED).click()
    expect(page).to_have_url(live_server.url + FEED)
    expect(page.locator("main .feed-day li.entry")).to_have_count(3)
    screenshot(page, "feed-en")

    assert browser_errors == []


def test_edit_and_delete_in_place_on_today(page: Page, live_server, browser_errors):
    user = make_user("alice")
    today = user.profile.today()
    plan = make_entry(user, type=EntryType.PLAN, text="Write the rollout plan", date=today)
    fact = make_entry(user, type=EntryType.FACT, text="Fixed the flaky test", date=today)
    dialogs = []

    def accept(dialog):
        dialogs.append((dialog.type, dialog.message))
        dialog.accept()

    page.on("dialog", accept)

    log_in(page, live_server, "alice")
    mark_page(page)

    # Edit in place: the row turns into a form, then back into the updated row.
    row = page.locator(f"#entry-{plan.pk}")
    expect(row).to_contain_text("Write the rollout plan")
    row.locator('a[href*="/edit/"]').click()
    text = row.locator("textarea[name=text]")
    expect(text).to_have_value("Write the rollout plan")
    text.fill("Wrote the rollout plan and shared it")
    row.locator("button[type=submit]:not([formaction])").click()
    expect(row.locator("textarea")).to_have_count(0)
    expect(row.locator(".entry__text")).to_have_text("Wrote the rollout plan and shared it")
    expect(page.locator("#plans-list > li.entry")).to_have_count(1)
    plan.refresh_from_db()
    assert plan.text == "Wrote the rollout plan and shared it"
    assert_same_page(page)

    # Delete in place, with no dialog: the status line offers Undo instead.
    fact_row = page.locator(f"#entry-{fact.pk}")
    fact_row.locator('a[href*="/delete/"]').click()
    expect(fact_row).to_have_count(0)
    expect(page.locator("#undo-status")).to_contain_text("Entry deleted.")
    assert dialogs == []
    expect(page.locator("#facts-list > li.entry")).to_have_count(0)
    expect(page.locator("#facts-list > li.empty")).to_be_visible()
    assert not Entry.objects.filter(pk=fact.pk).exists()
    assert Entry.objects.filter(pk=plan.pk).exists()
    assert_same_page(page)

    assert browser_errors == []


def test_deleting_a_fact_reopens_its_plan_and_spares_an_open_edit_form(
    page: Page, live_server, browser_errors
):
    user = make_user("alice")
    today = user.profile.today()
    plan = make_entry(user, type=EntryType.PLAN, text="Write the rollout plan", date=today)
    fact = make_entry(user, type=EntryType.FACT, text="Wrote it", date=today, fulfils_plan=plan)
    other = make_entry(user, type=EntryType.FACT, text="Fixed the flaky test", date=today)
    page.on("dialog", lambda dialog: dialog.accept())
    log_in(page, live_server, "alice")
    mark_page(page)
    plan_row = page.locator(f"#entry-{plan.pk}")
    expect(plan_row.locator(".badge--done")).to_have_count(1)

    other_row = page.locator(f"#entry-{other.pk}")
    other_row.locator('a[href*="/edit/"]').click()
    other_row.locator("textarea[name=text]").fill("Half-typed change")
    page.locator(f'#entry-{fact.pk} a[href*="/delete/"]').click()

    expect(page.locator(f"#entry-{fact.pk}")).to_have_count(0)
    expect(plan_row.locator(".badge--done")).to_have_count(0)
    expect(plan_row.locator('a[href*="done="]')).to_have_count(1)
    expect(other_row.locator("textarea[name=text]")).to_have_value("Half-typed change")
    assert_same_page(page)
    assert browser_errors == []


def test_an_entry_moved_to_another_day_leaves_today(page: Page, live_server, browser_errors):
    user = make_user("alice")
    today = user.profile.today()
    entry = make_entry(user, type=EntryType.FACT, text="Actually done yesterday", date=today)
    log_in(page, live_server, "alice")
    mark_page(page)

    row = page.locator(f"#entry-{entry.pk}")
    row.locator('a[href*="/edit/"]').click()
    row.locator("input[name=date]").fill((today - datetime.timedelta(days=1)).isoformat())
    row.locator("button[type=submit]:not([formaction])").click()

    expect(page.locator(f"#entry-{entry.pk}")).to_have_count(0)
    expect(page.locator("#facts-list > li.empty")).to_be_visible()
    assert_same_page(page)
    assert browser_errors == []


def test_adding_a_plan_keeps_a_fact_being_written(page: Page, live_server, browser_errors):
    make_user("alice")
    log_in(page, live_server, "alice")
    mark_page(page)

    page.locator("#fact-text").fill("Half-written fact")
    page.locator("#plan-text").fill("A new plan")
    page.locator("#plan-text").press("Control+Enter")

    expect(page.locator("#plans-list")).to_contain_text("A new plan")
    expect(page.locator("#plan-text")).to_have_value("")
    expect(page.locator("#fact-text")).to_have_value("Half-written fact")
    assert_same_page(page)
    assert browser_errors == []
