"""The goals page in Debian's Chromium at desktop and phone width: the cards, archiving a
goal and bringing it back, deleting one through its confirmation. Fixtures live in
perfassist/tests/browser.py."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from conftest import make_entry, make_goal, make_point, make_review, make_summary, make_user
from perf.models import Goal, GoalReview
from perfassist.tests.browser import log_in

pytestmark = pytest.mark.browser

GOALS = reverse("perf:goal-list")
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}


def no_sideways_scroll(page: Page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("viewport", VIEWPORTS.values(), ids=VIEWPORTS.keys())
def test_archive_a_goal_and_delete_another_through_its_confirmation(
    page: Page, live_server, browser_errors, viewport
):
    page.set_viewport_size(viewport)
    user = make_user("gale")
    today = user.profile.today()
    billing = make_goal(user=user, title="Reliable billing", slug="billing")
    old = make_goal(user=user, title="Old project", slug="old")
    entry = make_entry(user, text="Moved billing events to Kafka #billing", date=today)
    make_entry(user, text="Paged on call #billing", date=today)
    summary = make_summary(user, start=today, end=today, status="done")
    make_point(make_review(summary, title="Reliable billing", goal=billing), entry)
    log_in(page, live_server, "gale")
    page.goto(live_server.url + GOALS)

    cards = page.locator("#goals > .goal-card")
    expect(cards).to_have_count(2)
    card = page.locator(f"#goal-{billing.pk}")
    expect(card).to_contain_text("#billing")
    expect(card).to_contain_text("2 facts in the last 90 days")
    expect(card.locator(".goal-card__last a")).to_have_attribute(
        "href", f"{reverse('journal:today')}?date={today.isoformat()}"
    )
    assert no_sideways_scroll(page)

    # Archive: the goal folds away below, and comes back from there.
    page.locator(f"#goal-{old.pk}").get_by_role("button", name="Archive").click()
    expect(page.locator(".messages")).to_contain_text("The goal “Old project” is archived")
    expect(cards).to_have_count(1)
    folded = page.locator(".goals-archived")
    expect(folded.locator(f"#goal-{old.pk}")).to_be_hidden()
    folded.locator("summary").click()
    expect(folded.locator(f"#goal-{old.pk}")).to_be_visible()
    assert Goal.objects.get(pk=old.pk).archived_at is not None

    # Delete: the confirmation says what happens, and Cancel leaves the goal alone.
    card.get_by_role("link", name="Delete").click()
    confirmation = page.locator(".goal-delete")
    expect(confirmation).to_contain_text("2 entries lose their link to this goal")
    expect(confirmation).to_contain_text("1 summary has a section for this goal.")
    assert no_sideways_scroll(page)
    confirmation.get_by_role("link", name="Cancel").click()
    expect(page).to_have_url(live_server.url + GOALS)
    assert Goal.objects.filter(pk=billing.pk).exists()

    page.locator(f"#goal-{billing.pk}").get_by_role("link", name="Delete").click()
    page.get_by_role("button", name="Delete goal").click()
    expect(page.locator(".messages")).to_contain_text("The goal “Reliable billing” is deleted.")
    expect(page.locator(f"#goal-{billing.pk}")).to_have_count(0)
    assert not Goal.objects.filter(pk=billing.pk).exists()
    assert GoalReview.objects.get().title == "Reliable billing"
    assert browser_errors == []
