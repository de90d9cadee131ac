"""A week's card as it reads in Feed: a quiet offer to summarise the week."""

import datetime
import re

import pytest
from django.urls import reverse

from conftest import make_entry, make_user
from perf.llm import LLMConfig
from perf.models import WeekSummary
from perf.services.weeks import write_week

pytestmark = pytest.mark.django_db
MONDAY = datetime.date(2026, 3, 2)
FEED = reverse("journal:feed")


def written_week(user, monday=MONDAY):
    week = WeekSummary.objects.create(user=user, week_start=monday, language="en", role="engineer")
    return write_week(week, LLMConfig(provider="offline"))


def card(page, iso_week="2026-W10"):
    return re.search(rf'<section class="week-card" id="week-{iso_week}".*?</section>', page, re.S)[
        0
    ]


def test_summarise_this_week_is_a_quiet_small_button(client_for):
    user = make_user(language="en")
    make_entry(user, text="Cut CI time from 20 to 8 minutes", date=MONDAY)

    week = card(client_for(user).get(FEED).text)

    assert (
        '<button type="submit" class="button button--small button--quiet">Summarise this week'
        in week
    )


def test_a_week_with_points_offers_to_copy_them(client_for):
    user = make_user(language="en")
    make_entry(user, text="Cut CI time from 20 to 8 minutes", date=MONDAY)
    written_week(user)

    week = card(client_for(user).get(FEED).text)

    assert "<li>Cut CI time from 20 to 8 minutes</li>" in week
    assert re.search(r'<button type="button" class="[^"]*button--quiet"\s+data-copy-points', week)
    assert 'data-copied="Copied"' in week and '<span class="copy-status" role="status">' in week


def test_a_week_without_points_offers_no_copy(client_for):
    user = make_user(language="en")
    make_entry(user, text="Cut CI time from 20 to 8 minutes", date=MONDAY)
    written_week(user, monday=MONDAY - datetime.timedelta(weeks=1))  # written, no facts
    make_entry(user, text="Older", date=MONDAY - datetime.timedelta(days=3))
    page = client_for(user).get(FEED).text

    assert "Summarise this week" in card(page)  # not written yet
    assert "No facts this week." in card(page, "2026-W09")  # written with none
    assert "data-copy-points" not in page


def test_a_week_being_written_offers_no_copy(client_for):
    user = make_user(language="en")
    make_entry(user, text="Cut CI time from 20 to 8 minutes", date=MONDAY)
    written_week(user)
    WeekSummary.objects.update(status="pending")

    page = client_for(user).get(FEED).text

    assert 'hx-trigger="every 2s"' in card(page)
    assert "data-copy-points" not in page
