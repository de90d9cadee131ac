import datetime

import pytest
import time_machine
from django.urls import reverse

from conftest import make_entry, make_user

pytestmark = pytest.mark.django_db

TODAY_URL = reverse("journal:today")


def test_it_asks_anonymous_visitors_to_log_in(client):
    make_user()
    response = client.get(TODAY_URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("journal:login"))


@time_machine.travel(datetime.datetime(2026, 11, 24, 22, 30, tzinfo=datetime.UTC), tick=False)
def test_today_is_today_in_the_users_time_zone(client_for):
    # 22:30 UTC on the 24th is already the 25th in Moscow.
    moscow = make_user(time_zone="Europe/Moscow")
    make_entry(moscow, type="plan", text="План на среду", date=datetime.date(2026, 11, 25))
    make_entry(moscow, type="plan", text="План на вторник", date=datetime.date(2026, 11, 24))

    response = client_for(moscow).get(TODAY_URL)

    assert response.context["day"] == datetime.date(2026, 11, 25)
    assert "План на среду" in response.text
    assert "План на вторник" in response.text  # yesterday's plans are shown to write facts against


def test_it_shows_the_days_plans_and_facts_side_by_side(client_for):
    user = make_user()
    day = datetime.date(2026, 11, 24)
    plan = make_entry(user, type="plan", text="Review the rollout plan", date=day)
    fact = make_entry(user, type="fact", text="Fixed the flaky test", date=day)
    make_entry(user, type="fact", text="Another day's fact", date=day - datetime.timedelta(days=7))

    response = client_for(user).get(TODAY_URL, {"date": "2026-11-24"})

    assert response.status_code == 200
    assert response.context["plans"] == [plan]
    assert response.context["facts"] == [fact]
    assert "Another day&#x27;s fact" not in response.text


def test_on_a_monday_it_shows_fridays_plans(client_for):
    user = make_user()
    friday_plan = make_entry(
        user, type="plan", text="Friday plan", date=datetime.date(2026, 11, 20)
    )
    make_entry(user, type="plan", text="Sunday plan", date=datetime.date(2026, 11, 22))

    response = client_for(user).get(TODAY_URL, {"date": "2026-11-23"})

    assert response.context["earlier_day"] == datetime.date(2026, 11, 20)
    assert list(response.context["earlier_plans"]) == [friday_plan]
    assert "Sunday plan" not in response.text


def test_done_prefills_a_fact_with_the_plans_text(client_for):
    user = make_user()
    plan = make_entry(
        user, type="plan", text="Migrate billing to v2", date=datetime.date(2026, 11, 20)
    )

    response = client_for(user).get(TODAY_URL, {"date": "2026-11-23", "done": str(plan.pk)})

    form = response.context["fact_form"]
    assert form.initial == {
        "date": datetime.date(2026, 11, 23),
        "type": "fact",
        "text": "Migrate billing to v2",
        "fulfils_plan": plan.pk,
    }
    assert f'name="fulfils_plan" value="{plan.pk}"' in response.text


def test_done_with_a_strangers_plan_reveals_nothing(client_for):
    plan = make_entry(make_user(), type="plan", text="Secret plan of someone else")

    response = client_for(make_user()).get(TODAY_URL, {"date": "2026-11-24", "done": str(plan.pk)})

    assert response.status_code == 404
    assert "Secret plan" not in response.text


@pytest.mark.parametrize("bad_date", ["2026-02-30", "yesterday", "2026-13-01"])
def test_an_impossible_date_is_a_clear_error(client_for, bad_date):
    response = client_for(make_user()).get(TODAY_URL, {"date": bad_date})

    assert response.status_code == 400
    assert "Enter a real date, such as 2026-01-30." in response.text


def test_previous_and_next_day_links(client_for):
    response = client_for(make_user()).get(TODAY_URL, {"date": "2026-03-01"})

    assert '?date=2026-02-28"' in response.text
    assert '?date=2026-03-02"' in response.text


def test_it_shows_only_the_users_own_entries(client_for):
    alice, bob = make_user(), make_user()
    make_entry(alice, text="Alice's private note")

    response = client_for(bob).get(TODAY_URL, {"date": "2026-11-24"})

    assert "private note" not in response.text
