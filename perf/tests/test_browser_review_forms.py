"""A review form from the paste to the copied answer, in Debian's Chromium (Playwright)
against a live server: a form pasted one question per line, its limits recognised in the
live preview and saved; a summary written for it over a custom period (the offline
provider: the tests' settings hold no LLM key); each answer's count against its limit, the
question no fact speaks to, and an answer's Copy, which puts exactly its points on the
clipboard, within the limit. Then the same answer on a phone. Fixtures live in
perfassist/tests/browser.py.
"""

import datetime
import re
from contextlib import contextmanager

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import Page, expect

from conftest import make_entry, make_user, make_written_summary
from journal.models import EntryType
from perf.models import PerfSummary, ReviewForm
from perf.review_forms import create_form, parse_pasted, user_form
from perfassist.tests.browser import log_in

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
FORM_NAME = "Acme H1 review"
BILLING = "What did you do for billing? (max 300)"
SEARCH = "What did you do for search? (max 1500)"
SECURITY = "What did you do for security?"
QUESTIONS = "\n".join([BILLING, SEARCH, SECURITY])
# Together the billing facts are well over 300 characters: the answer must be held to it.
FACTS = [
    "Moved billing events to Kafka, consumer lag down from 40 s to 2 s at the monthly peak, "
    "so invoices go out the same hour the usage closes",
    "Wrote the billing runbook for on-call: the six alerts, what each means, and the steps "
    "that clear them, reviewed by two people from the payments team",
    "Found and fixed the billing invoice consumer memory leak that paged on-call every "
    "weekend since January, after a day of heap dumps with Dana",
    "Upgraded Elasticsearch to version 8 across the search clusters without downtime",
    "Cut search p95 latency from 30 to 9 ms with a warmed query cache",
]


def _d(day):
    return datetime.date(2026, 3, day)


def facts_of_march(username):
    user = make_user(username, language="en")
    for day, text in enumerate(FACTS, 2):
        make_entry(user, type=EntryType.FACT, text=text, date=_d(day))
    make_entry(user, type=EntryType.PLAN, text="Security audit of the billing API", date=_d(20))
    return user


def paste(page: Page, selector: str, text: str):
    """Put `text` on the clipboard and paste it into the field, as Ctrl+V does."""
    page.evaluate("(text) => navigator.clipboard.writeText(text)", text)
    page.locator(selector).focus()
    page.keyboard.press("ControlOrMeta+v")


def new_form(page: Page, live_server):
    page.goto(live_server.url + reverse("perf:form-new"))
    page.locator("main form input[name=name]").fill(FORM_NAME)
    paste(page, "main form textarea[name=questions]", QUESTIONS)
    expect(page.locator("textarea[name=questions]")).to_have_value(QUESTIONS)

    # The preview (htmx, after a pause in the typing) shows each question and its limit.
    preview = page.locator("#form-preview")
    questions = preview.locator(".review-form__questions > li")
    expect(questions).to_have_count(3, timeout=10_000)
    expect(questions.locator(".review-form__question")).to_have_text(
        ["What did you do for billing?", "What did you do for search?", SECURITY]
    )
    expect(questions.nth(0).locator(".review-form__limit")).to_have_text("(max 300 characters)")
    expect(questions.nth(1).locator(".review-form__limit")).to_have_text("(max 1,500 characters)")
    expect(questions.nth(2).locator(".review-form__limit")).to_have_count(0)

    page.locator("main form .form-actions button[type=submit]:not([name])").click()
    expect(page).to_have_url(live_server.url + reverse("perf:form-list"))
    expect(page.locator("main")).to_contain_text(FORM_NAME)
    form = ReviewForm.objects.get(name=FORM_NAME)
    assert [(q["text"], q.get("limit")) for q in form.questions] == [
        ("What did you do for billing?", 300),
        ("What did you do for search?", 1500),
        (SECURITY, None),
    ]
    return form


@contextmanager
def panel_reloads(page: Page):
    """Wait until the evidence panel's body is swapped for its answer to the change made
    inside the block."""
    page.locator("#evidence-body").evaluate("(body) => { body.dataset.stale = '1'; }")
    yield
    expect(page.locator("#evidence-body:not([data-stale])")).to_be_attached()


def write_summary_for(page: Page, live_server, form):
    page.goto(live_server.url + reverse("perf:summary-index"))
    summary_form = page.locator("main form.summary-form")
    # The evidence panel loads by htmx, for the last half-year first.
    expect(page.locator("#evidence h2, #evidence [role=status]").first).to_be_visible()
    summary_form.locator("select[name=form_key]").select_option(label=FORM_NAME)
    # One change at a time, each answered before the next, as a person picks them.
    with panel_reloads(page):
        summary_form.locator("input[name=preset][value=custom]").check()
    with panel_reloads(page):
        summary_form.locator("input[name=start]").fill("2026-03-01")
    expect(page.locator("#evidence [role=status]")).to_have_text(
        "Choose the last day of the period."
    )
    with panel_reloads(page):
        summary_form.locator("input[name=end]").fill("2026-03-31")
    expect(page.locator("#evidence h2")).to_have_text("Evidence: 5 facts")
    summary_form.get_by_role("button", name="Write the summary").click()
    expect(page).to_have_url(re.compile(r"/perf/[0-9a-f-]{36}/$"))
    summary = PerfSummary.objects.get()
    assert page.url == live_server.url + reverse("perf:summary-detail", args=[summary.pk])
    expect(page.locator("main")).to_contain_text(FORM_NAME)
    expect(page.locator("#summary-body")).to_contain_text("Waiting for the worker")

    call_command("run_worker", "--batch", "--queue-name", "*", "--no-startup-delay")

    answers = page.locator("section.answer")
    expect(answers).to_have_count(3, timeout=15_000)
    summary.refresh_from_db()
    assert summary.status == "done" and summary.form_name == FORM_NAME
    assert summary.form_key == str(form.pk)
    assert (summary.period_start, summary.period_end) == (_d(1), _d(31))
    return answers


def points_of(answer) -> list[str]:
    return [text.strip() for text in answer.locator(".bullets .piece__text").all_inner_texts()]


def characters_of(answer, limit: str) -> int:
    count = answer.locator(".answer__count")
    expect(count).to_have_text(re.compile(rf"^[\d,]+ / {limit} characters$"))
    return int(count.inner_text().split(" / ")[0].replace(",", ""))


def test_a_pasted_form_answered_for_a_period_and_an_answer_copied(
    page: Page, live_server, browser_errors
):
    facts_of_march("rita")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    log_in(page, live_server, "rita")
    form = new_form(page, live_server)
    answers = write_summary_for(page, live_server, form)

    billing, search, security = (answers.nth(n) for n in range(3))
    expect(billing.locator(".answer__question")).to_have_text("What did you do for billing?")
    expect(search.locator(".answer__question")).to_have_text("What did you do for search?")
    expect(security.locator(".answer__question")).to_have_text(SECURITY)

    # Billing: its facts, held to 300 characters (they come to more than that).
    assert len("\n".join(FACTS[:3])) > 300
    billing_points = points_of(billing)
    assert billing_points and all("billing" in point.lower() for point in billing_points)
    billing_count = characters_of(billing, "300")
    assert 0 < billing_count <= 300
    assert billing_count == len("\n".join(billing_points))
    expect(billing.locator(".answer__count--over")).to_have_count(0)
    expect(billing.locator(".answer__none")).to_have_count(0)

    # Search: its two facts, within 1,500.
    search_points = points_of(search)
    assert sorted(search_points) == sorted(FACTS[3:])
    search_count = characters_of(search, "1,500")
    assert search_count == len("\n".join(search_points)) <= 1500

    # Security: a plan is no evidence, and no fact speaks to it.
    expect(security.locator(".answer__none")).to_have_text(
        "No entry of this period speaks to this."
    )
    expect(security.locator(".bullets")).to_have_count(0)
    expect(security.locator("[data-copy-answer]")).to_have_count(0)
    expect(security.locator(".answer__evidence")).to_contain_text(
        "No entry cited: evidence missing"
    )

    # Copy the billing answer: its points, one per line, exactly what the count counts.
    billing.locator("button[data-copy-answer]").click()
    expect(billing.locator(".copy-status")).to_have_text("Copied")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == "\n".join(billing_points)
    assert copied.split("\n") == billing_points
    assert len(copied) == billing_count <= 300
    for control in ("Copy", "Edit", "Write this answer again", "entries cited", "characters"):
        assert control not in copied
    # ... and as HTML, one paragraph a point, for a web form's rich text box.
    html = page.evaluate(
        """async () => {
            const [item] = await navigator.clipboard.read();
            return await (await item.getType("text/html")).text();
        }"""
    )
    assert html.count("<p>") == len(billing_points)
    assert browser_errors == []


def test_an_answer_s_count_and_copy_fit_a_phone(page: Page, live_server, browser_errors):
    user = facts_of_march("sam")
    form = create_form(user, FORM_NAME, parse_pasted(f"{BILLING}\n{SECURITY}"))
    summary = make_written_summary(user, form=user_form(form))
    assert summary.status == "done"
    page.set_viewport_size(PHONE)
    log_in(page, live_server, "sam")
    page.goto(live_server.url + reverse("perf:summary-detail", args=[summary.pk]))

    answer = page.locator("section.answer").first
    meta = answer.locator(".answer__meta")
    count = meta.locator(".answer__count")
    copy = meta.locator("button[data-copy-answer]")
    for part in (meta, count, copy):
        expect(part).to_be_visible()
        part.scroll_into_view_if_needed()
        box = part.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], part
    assert characters_of(answer, "300") <= 300
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    overflowing = meta.evaluate("(el) => el.scrollWidth > el.clientWidth")
    assert not overflowing
    assert browser_errors == []
