"""Settings' import in Debian's Chromium: a jrnl JSON uploaded, its progress shown in place
until the worker has imported it, then its entries in Feed; at desktop and phone width."""

import datetime
import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import Page, expect

from conftest import make_user
from journal.models import Entry
from perf.import_runs import ImportRun
from perfassist.tests.browser import assert_same_page, log_in, mark_page

pytestmark = pytest.mark.browser

VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}


def jrnl_export(day: datetime.date) -> bytes:
    entries = [
        {"title": "Shipped the search index.", "body": "p95 from 30 ms to 9 ms.",
         "date": day.isoformat(), "time": "09:30", "tags": [], "starred": False},
        {"title": "Paired with Dana on the flaky CI job.", "body": "",
         "date": day.isoformat(), "time": "11:00", "tags": [], "starred": False},
    ]  # fmt: skip
    return json.dumps({"tags": {}, "entries": entries}).encode()


@pytest.mark.parametrize("viewport", VIEWPORTS.values(), ids=VIEWPORTS.keys())
def test_a_jrnl_file_uploaded_on_settings_shows_its_progress_then_its_entries_in_feed(
    page: Page, live_server, browser_errors, viewport
):
    user = make_user("alice", language="en")
    day = user.profile.today() - datetime.timedelta(days=1)
    page.set_viewport_size(viewport)
    log_in(page, live_server, "alice")
    page.goto(live_server.url + reverse("journal:profile"))
    mark_page(page)

    section = page.locator("#import")
    section.locator("input[type=file]").set_input_files(
        {"name": "jrnl.json", "mimeType": "application/json", "buffer": jrnl_export(day)}
    )
    section.locator("button[type=submit]").click()

    run = page.locator("#import .import-run")
    expect(run).to_contain_text("jrnl.json")
    expect(run).to_contain_text("Waiting for the worker to start the import")
    assert_same_page(page)  # uploaded in place (htmx), no page load
    assert ImportRun.objects.get().status == "pending"

    call_command("run_worker", "--batch", "--queue-name", "*", "--no-startup-delay")

    expect(run).to_contain_text("2 entries imported", timeout=10_000)  # polled every 2 s
    expect(run).not_to_have_attribute("hx-trigger", "every 2s")
    assert Entry.objects.filter(user=user).count() == 2
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    page.goto(live_server.url + reverse("journal:feed"))
    feed = page.locator("main")
    expect(feed).to_contain_text("Shipped the search index. p95 from 30 ms to 9 ms.")
    expect(feed).to_contain_text("Paired with Dana on the flaky CI job.")
    assert browser_errors == []


def test_a_file_over_the_limit_is_refused_before_it_is_sent(
    page: Page, live_server, browser_errors, settings
):
    settings.IMPORT_MAX_BYTES = 100
    make_user("alice", language="en")
    log_in(page, live_server, "alice")
    page.goto(live_server.url + reverse("journal:profile"))

    section = page.locator("#import")
    file_input = section.locator("input[type=file]")
    file_input.set_input_files({"name": "big.json", "mimeType": "application/json",
                                "buffer": b" " * 500})  # fmt: skip
    section.locator("button[type=submit]").click()

    message = file_input.evaluate("input => input.validationMessage")
    assert message == "The file is larger than 100\xa0bytes, the most an import takes."
    assert not ImportRun.objects.exists()
    assert browser_errors == []
