"""The JSON API's goals and perf summaries."""

import datetime

import pytest
from django.test import Client

from conftest import api_client, make_entry, make_goal, make_summary, make_user
from perf.llm import LLMConfig
from perf.models import Goal, PerfSummary
from perf.services.summaries import run_summary

pytestmark = pytest.mark.django_db
D = datetime.date


def post(client, path, data, **headers):
    return client.post(path, data, content_type="application/json", headers=headers)


def test_goals_can_be_added_listed_edited_and_deleted():
    user = make_user()
    client = api_client(user)

    made = post(client, "/api/goals", {"title": "Надёжный биллинг", "tag": "#Billing"})
    goal_id = made.json()["id"]
    edited = client.patch(f"/api/goals/{goal_id}", {"status": "done"},
                          content_type="application/json")  # fmt: skip

    assert made.status_code == 201 and made.json()["tag"] == "billing"
    assert edited.json()["status"] == "done" and edited.json()["title"] == "Надёжный биллинг"
    assert [goal["id"] for goal in client.get("/api/goals").json()] == [goal_id]
    assert client.delete(f"/api/goals/{goal_id}").status_code == 204
    assert not Goal.objects.exists()


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"title": ""}, "title"),
        ({"title": "x", "tag": "two words"}, "tag"),
        ({"title": "x", "status": "paused"}, "status"),
        ({"title": "x", "colour": "red"}, "colour"),
    ],
)
def test_a_bad_goal_is_a_400(payload, field):
    response = post(api_client(make_user()), "/api/goals", payload)
    assert response.status_code == 400
    assert field in [error["loc"][-1] for error in response.json()["detail"]]
    assert not Goal.objects.exists()


def test_a_taken_tag_is_a_400_and_another_users_goal_is_404():
    user = make_user()
    make_goal(user=user, title="Billing", slug="billing")
    theirs = make_goal(user=make_user(), title="Theirs", slug="theirs")
    client = api_client(user)

    taken = post(client, "/api/goals", {"title": "Billing 2", "tag": "billing"})

    assert taken.status_code == 400
    assert "already uses the tag #billing" in taken.json()["detail"][0]["msg"]
    assert client.get(f"/api/goals/{theirs.pk}").status_code == 404
    assert client.delete(f"/api/goals/{theirs.pk}").status_code == 404


def test_a_summary_starts_with_202_and_a_location_then_polls_to_done():
    user = make_user(language="en")
    fact = make_entry(user, text="Cut CI time from 20 to 8 minutes", date=D(2026, 3, 3))
    client = api_client(user)

    started = post(client, "/api/perf/summary", {"period_start": "2026-03-01",
                                                 "period_end": "2026-03-31"})  # fmt: skip
    summary = PerfSummary.objects.get()
    assert started.status_code == 202
    assert started.json() == {"id": str(summary.pk), "status": "pending"}
    assert started["Location"] == f"/api/perf/summaries/{summary.pk}"
    assert client.get(started["Location"]).json()["goals"] is None

    run_summary(summary, LLMConfig(provider="offline"))  # what the worker does
    done = client.get(started["Location"]).json()

    assert done["status"] == "done"
    points = [point for goal in done["goals"] for point in goal["outputs"] + goal["outcomes"]]
    assert points
    for point in points:  # the one fact, whichever section the draft put it in
        assert set(point) == {"text", "entry_ids", "unsupported", "cited_entries_deleted"}
        assert point["text"] and point["entry_ids"] == [str(fact.pk)]
        assert (point["unsupported"], point["cited_entries_deleted"]) == ([], 0)
    assert [s["id"] for s in client.get("/api/perf/summaries").json()] == [str(summary.pk)]


@pytest.mark.django_db(transaction=True)
def test_prefer_wait_answers_200_with_the_summary_when_it_is_done_in_time(settings):
    # The immediate backend runs the task as it is queued: the worker is done at once.
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend",
                                  "QUEUES": ["default", "llm"]}}  # fmt: skip
    user = make_user(language="en")
    fact = make_entry(user, text="Cut CI time from 20 to 8 minutes", date=D(2026, 3, 3))

    response = post(api_client(user), "/api/perf/summary",
                    {"period_start": "2026-03-01", "period_end": "2026-03-31"},
                    Prefer="wait=10")  # fmt: skip

    assert response.status_code == 200
    assert response.json()["status"] == "done"
    goals = response.json()["goals"]
    cited = {
        pk for goal in goals for p in goal["outputs"] + goal["outcomes"] for pk in p["entry_ids"]
    }
    assert cited == {str(fact.pk)}


def test_prefer_wait_answers_202_when_the_worker_is_not_done_in_time():
    user = make_user()
    make_entry(user, date=D(2026, 3, 3))
    response = post(api_client(user), "/api/perf/summary",
                    {"period_start": "2026-03-01", "period_end": "2026-03-31"},
                    Prefer="wait=1")  # fmt: skip
    assert response.status_code == 202


def test_prefer_wait_answers_at_once_when_every_waiting_thread_is_taken(monkeypatch):
    import threading
    import time

    from perf import api

    monkeypatch.setattr(api, "WAITING", threading.BoundedSemaphore(1))
    api.WAITING.acquire()  # another request is waiting already
    user = make_user()
    make_entry(user, date=D(2026, 3, 3))
    began = time.monotonic()

    response = post(api_client(user), "/api/perf/summary",
                    {"period_start": "2026-03-01", "period_end": "2026-03-31"},
                    Prefer="wait=30")  # fmt: skip

    assert response.status_code == 202
    assert time.monotonic() - began < 5  # it did not hold its thread for the 30 s
    assert response.headers["Location"].startswith("/api/perf/summaries/")


def test_a_process_lets_all_of_its_threads_but_one_wait(settings):
    from perf import api

    assert settings.API_WAITS_PER_PROCESS == 3  # gunicorn's 4 threads by default
    taken = [api.WAITING.acquire(blocking=False) for _ in range(4)]
    try:
        assert taken == [True, True, True, False]
    finally:
        for _ in range(taken.count(True)):
            api.WAITING.release()


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"period_start": "2026-03-31", "period_end": "2026-03-01"}, "period_end"),
        ({"period_start": "2020-01-01", "period_end": "2026-01-01"}, "period_end"),
        ({"period_start": "2026-03-01"}, "period_end"),
        ({"period_start": "2026-03-01", "period_end": "2026-03-31", "role": "ceo"}, "role"),
        ({"period_start": "2026-03-01", "period_end": "2026-03-31", "language": "de"},
         "language"),
        ({"period_start": "2026-03-01", "period_end": "2026-03-31", "tone": "bold"}, "tone"),
    ],
)  # fmt: skip
def test_a_bad_summary_request_is_a_400_and_starts_nothing(payload, field):
    response = post(api_client(make_user()), "/api/perf/summary", payload)
    assert response.status_code == 400
    assert field in [error["loc"][-1] for error in response.json()["detail"]]
    assert not PerfSummary.objects.exists()


def test_left_out_entries_must_be_your_own():
    user = make_user()
    mine = make_entry(user, text="Mostly meetings")
    make_entry(user, text="Shipped the thing")  # what the summary is written from
    theirs = make_entry(make_user(), text="Theirs")
    client = api_client(user)
    period = {"period_start": "2026-01-01", "period_end": "2026-12-31"}

    refused = post(client, "/api/perf/summary", {**period, "exclude_entry_ids": [str(theirs.pk)]})
    accepted = post(client, "/api/perf/summary", {**period, "exclude_entry_ids": [str(mine.pk)]})

    assert refused.status_code == 400
    assert accepted.status_code == 202
    assert PerfSummary.objects.get().excluded_entry_ids == [str(mine.pk)]


def test_another_users_summary_is_404_and_not_listed():
    owner = make_user()
    summary = make_summary(owner)
    client = api_client(make_user())

    assert client.get(f"/api/perf/summaries/{summary.pk}").status_code == 404
    assert client.get("/api/perf/summaries").json() == []


def test_the_schema_and_the_docs_page_are_served():
    client = Client()
    schema = client.get("/api/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert {"/api/entries", "/api/goals", "/api/perf/summary"} <= set(schema["paths"])
    docs = client.get("/api/docs")
    assert docs.status_code == 200 and "swagger" in docs.text.lower()


def test_a_period_without_a_fact_is_a_400_and_nothing_is_queued():
    user = make_user()
    make_entry(user, type="plan", text="Plan the migration", date=D(2026, 3, 3))

    response = post(api_client(user), "/api/perf/summary",
                    {"period_start": "2026-03-01", "period_end": "2026-03-31"})  # fmt: skip

    assert response.status_code == 400
    assert "There are no facts between 1 Mar 2026 and 31 Mar 2026" in response.text
    assert not PerfSummary.objects.exists()
