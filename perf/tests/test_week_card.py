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

