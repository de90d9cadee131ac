"""A week's card says at once that its entries changed: an add on Today, an edit or a
delete in Feed or on Today send the card of the week they touched again, out of band, into
the page's wrapper of that card (journal/rows.py week_card_on)."""

import datetime

import pytest
from django.urls import reverse

from conftest import make_entry, make_user
from perf.llm import LLMConfig
from perf.models import WeekSummary
from perf.services.weeks import write_week

pytestmark = pytest.mark.django_db
D = datetime.date
MONDAY = D(2026, 3, 2)
WEDNESDAY = D(2026, 3, 4)
CHANGED = "Entries of this week changed since this was written."
FEED = reverse("journal:feed")
TODAY = reverse("journal:today")


def written_week(user, monday=MONDAY):
    week = WeekSummary.objects.create(user=user, week_start=monday, language="en", role="engineer")
    return write_week(week, LLMConfig(provider="offline"))


def htmx_from(url):
    return {"HX-Request": "true", "HX-Current-URL": f"http://testserver{url}"}


def oob_card(monday):
    return f'<div hx-swap-oob="innerHTML:#week-of-{monday:%Y-%m-%d}">'


def test_the_pages_wrap_each_week_card_where_an_update_can_find_it(client_for):
    user = make_user(language="en")
    make_entry(user, text="Cut CI time", date=WEDNESDAY)
    client = client_for(user)

    feed = client.get(FEED).text
    today = client.get(TODAY, {"date": "2026-03-04"}).text

    assert 'id="week-of-2026-03-02"' in feed and 'id="week-2026-W10"' in feed
    assert '<div id="week-of-2026-03-02">' in today
    # Undo on Today reloads its lists, and the card with them.
    assert "#earlier-plans,#week-of-2026-03-02" in today


def test_an_edit_in_feed_sends_its_weeks_card_saying_the_entries_changed(client_for):
    user = make_user(language="en")
    entry = make_entry(user, text="Cut CI time from 20 to 8 minutes", date=WEDNESDAY)
    written_week(user)

    response = client_for(user).post(
        reverse("journal:entry-edit", args=[entry.pk]),
        {"date": "2026-03-04", "type": "fact", "text": "Cut CI time from 20 to 7 minutes"},
        headers=htmx_from(FEED),
    )

    assert response.status_code == 200
    assert oob_card(MONDAY) in response.text and CHANGED in response.text


def test_a_delete_in_feed_sends_its_weeks_card_while_the_week_has_entries(client_for):
    user = make_user(language="en")
    make_entry(user, text="Stays", date=MONDAY)
    gone = make_entry(user, text="Goes", date=WEDNESDAY)
    written_week(user)

    response = client_for(user).post(
        reverse("journal:entry-delete", args=[gone.pk]), headers=htmx_from(FEED)
    )

    assert oob_card(MONDAY) in response.text and CHANGED in response.text


def test_a_delete_that_empties_the_week_removes_its_card_rather_than_sending_it(client_for):
    user = make_user(language="en")
    gone = make_entry(user, text="The week's only entry", date=WEDNESDAY)
    written_week(user)

    response = client_for(user).post(
        reverse("journal:entry-delete", args=[gone.pk]), headers=htmx_from(FEED)
    )

    assert 'id="week-of-2026-03-02" hx-swap-oob="delete"' in response.text
    assert oob_card(MONDAY) not in response.text


def test_an_add_on_today_sends_the_days_week_card_again_once(client_for):
    user = make_user(language="en")
    make_entry(user, text="Cut CI time", date=WEDNESDAY)
    make_entry(user, type="plan", text="An open plan of Tuesday", date=D(2026, 3, 3))
    written_week(user)

    response = client_for(user).post(
        reverse("journal:entry-create"),
        {"date": "2026-03-04", "type": "fact", "text": "Paired on the deploy"},
        headers=htmx_from(f"{TODAY}?date=2026-03-04"),
    )

    assert response.text.count(oob_card(MONDAY)) == 1 and CHANGED in response.text


def test_no_card_is_sent_where_the_page_shows_none_of_that_week(client_for):
    user = make_user(language="en")
    last_friday = make_entry(user, text="Plan of last Friday", type="plan", date=D(2026, 2, 27))
    searched = make_entry(user, text="Cut CI time", date=WEDNESDAY)
    client = client_for(user)
    edit = {"date": "2026-02-27", "type": "plan", "text": "Plan of last Friday, reworded"}

    # Today of Monday lists Friday's open plans, whose week's card it does not show.
    on_today = client.post(
        reverse("journal:entry-edit", args=[last_friday.pk]),
        edit,
        headers=htmx_from(f"{TODAY}?date=2026-03-02"),
    )
    # Search results show no week cards.
    in_search = client.post(
        reverse("journal:entry-edit", args=[searched.pk]),
        {"date": "2026-03-04", "type": "fact", "text": "Cut CI time again"},
        headers=htmx_from(f"{FEED}?q=CI"),
    )

    assert on_today.status_code == in_search.status_code == 200
    assert "hx-swap-oob" not in on_today.text and "hx-swap-oob" not in in_search.text
