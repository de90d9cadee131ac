"""Choosing a summary's period: presets that show their dates, and a period without facts,
or whose every fact is left out, refused before anything is queued, as the evidence panel
says."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from conftest import make_entry, make_user
from perf.models import PerfSummary

from .page_reading import INDEX

pytestmark = pytest.mark.django_db
D = datetime.date


@time_machine.travel(datetime.datetime(2026, 12, 1, 12, tzinfo=datetime.UTC), tick=False)
def test_the_presets_show_their_dates(client_for):
    page = client_for(make_user()).get(INDEX).text

    assert "Last half-year (1 Jun 2026 – 1 Dec 2026)" in page
    assert "Last quarter (1 Sep 2026 – 1 Dec 2026)" in page
    assert "Custom period<" in page


@time_machine.travel(datetime.datetime(2026, 12, 1, 12, tzinfo=datetime.UTC), tick=False)
def test_the_presets_show_their_dates_in_russian(client_for):
    page = client_for(make_user(language="ru")).get(INDEX).text

    assert "(1 июня 2026 – 1 декабря 2026)" in page


def test_an_empty_period_is_refused_before_anything_is_queued(
    client_for, django_capture_on_commit_callbacks
):
    user = make_user()
    make_entry(user, text="Outside the period", date=D(2026, 5, 4))
    make_entry(user, type="plan", text="A plan is no fact", date=D(2026, 3, 4))

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(user).post(
            INDEX,
            {"preset": "custom", "start": "2026-03-01", "end": "2026-03-31", "role": "engineer",
             "language": "en"},
        )  # fmt: skip

    assert response.status_code == 422
    assert (
        "There are no facts between 1 Mar 2026 and 31 Mar 2026: write what you did on Today "
        "first, or choose another period."
    ) in response.text
    assert not PerfSummary.objects.exists()
    assert not DBTaskResult.objects.exists()


def test_a_period_whose_every_fact_is_left_out_is_refused(client_for):
    user = make_user()
    fact = make_entry(user, text="Mostly meetings", date=D(2026, 3, 4))

    response = client_for(user).post(
        INDEX,
        {"preset": "custom", "start": "2026-03-01", "end": "2026-03-31", "role": "engineer",
         "language": "en", "exclude": [fact.pk]},
    )  # fmt: skip

    assert response.status_code == 422
    assert "You left out every fact between 1 Mar 2026 and 31 Mar 2026" in response.text
    assert not PerfSummary.objects.exists()


def test_the_evidence_panel_says_why_an_empty_period_cannot_be_written(client_for):
    response = client_for(make_user()).get(
        reverse("perf:summary-evidence"),
        {"preset": "custom", "start": "2026-03-01", "end": "2026-03-31"},
        headers={"HX-Request": "true"},
    )

    assert response.status_code == 200
    assert "There are no facts between 1 Mar 2026 and 31 Mar 2026" in response.text


# One date format per language
