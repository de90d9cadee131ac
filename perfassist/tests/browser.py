"""Fixtures and helpers for every app's browser tests (a plugin the root conftest loads):
Debian's Chromium driven by Playwright against live_server."""

import os
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

CHROMIUM = Path("/usr/bin/chromium")
NO_CHROMIUM = (
    f"BROWSER TESTS SKIPPED: Debian's Chromium is missing at {CHROMIUM}. "
    "Install it with `apt-get install chromium` (Playwright cannot download its own browser "
    "here) to run the @pytest.mark.browser tests."
)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item, nextitem):
    # Playwright's sync API runs an asyncio event loop in the test thread; Django then refuses
    # the ORM calls a browser test (and its database fixtures) make from that thread. Only
    # browser tests run with the guard off, so the rest of the suite still catches misuse.
    browser = item.get_closest_marker("browser") is not None
    if browser:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        return (yield)
    finally:
        if browser:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


def pytest_collection_modifyitems(config, items):
    if CHROMIUM.exists():
        return
    skip = pytest.mark.skip(reason=NO_CHROMIUM)
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": [
            *browser_type_launch_args.get("args", []),
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # An English browser in Moscow: the first-run page must pick up the zone (app.js), and the
    # UI language must come from the profile, not from the browser.
    return {**browser_context_args, "locale": "en-US", "timezone_id": "Europe/Moscow"}


@pytest.fixture
def browser_errors(page):
    """Console errors (CSP violations included) and uncaught exceptions, collected as they come."""
    errors = []

    def on_console(message):
        if message.type == "error":
            errors.append(f"console.error: {message.text} @ {message.location}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(f"pageerror: {error}"))
    # Chromium logs CSP refusals as console errors already; this makes each one explicit.
    page.add_init_script(
        'document.addEventListener("securitypolicyviolation", (event) => console.error('
        '`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || "inline"}`));'
    )
    return errors


def log_in(page: Page, live_server, username: str, password: str = "correct horse battery"):
    """Log in through the login page, as a person would, and land on Today."""
    page.goto(live_server.url + reverse("journal:login"))
    form = page.locator("main form")
    form.locator("input[name=username]").fill(username)
    form.locator("input[name=password]").fill(password)
    form.locator("button[type=submit]").click()
    expect(page).to_have_url(live_server.url + reverse("journal:today"))


def mark_page(page: Page):
    """Plant a flag in the window: it survives htmx swaps and dies with a full page load."""
    page.evaluate("window.__sameDocument = true")


def assert_same_page(page: Page):
    assert page.evaluate("window.__sameDocument === true"), "a full page load happened"
