"""The JSON API answers what a client did wrong, the same way on every endpoint: 401 with
WWW-Authenticate without valid credentials (writes too), 400 for a query parameter it does
not take and for a body not sent as JSON; and a wait for a summary that failed answers
with the failure."""

import datetime
import json

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import api_client, make_entry, make_goal, make_summary, make_user
from journal.models import ApiToken, Entry
from perf.models import Goal, PerfSummary
from perf.tests.fake_llm import FakeLLM, Step

pytestmark = pytest.mark.django_db
D = datetime.date
ENTRY = {"date": "2026-03-03", "type": "fact", "text": "Shipped search v2"}


@pytest.fixture
def alice_data(db):
    """A user with an entry and a goal, for the endpoints that take an id."""
    user = make_user()
    entry = make_entry(user, text="Mine", date=D(2026, 3, 3))
    goal = make_goal(user, title="Fast CI", slug="ci")
    summary = make_summary(user)
    return user, entry, goal, summary


def every_operation(entry, goal, summary):
    """(method, path, JSON body) of every operation of the API."""
    return [
        ("get", "/api/entries", None),
        ("post", "/api/entries", ENTRY),
        ("get", f"/api/entries/{entry.pk}", None),
        ("patch", f"/api/entries/{entry.pk}", {"text": "Changed"}),
        ("delete", f"/api/entries/{entry.pk}", None),
        ("get", "/api/goals", None),
        ("post", "/api/goals", {"title": "Reliable billing"}),
        ("get", f"/api/goals/{goal.pk}", None),
        ("patch", f"/api/goals/{goal.pk}", {"title": "Changed"}),
        ("delete", f"/api/goals/{goal.pk}", None),
        ("post", "/api/perf/summary", {"period_start": "2026-03-01", "period_end": "2026-03-31"}),
        ("get", "/api/perf/summaries", None),
        ("get", f"/api/perf/summaries/{summary.pk}", None),
        ("get", "/api/forms", None),
        ("post", "/api/forms", {"name": "Workday", "questions": [{"text": "Wins?"}]}),
        ("get", "/api/forms/self-review", None),
        ("patch", "/api/forms/self-review", {"name": "Changed"}),
        ("delete", "/api/forms/self-review", None),
    ]


def send(client, method, path, body, content_type="application/json"):
    if body is None:
        return getattr(client, method)(path)
    return getattr(client, method)(path, json.dumps(body), content_type=content_type)


def nothing_changed(user, entry, goal):
    entry.refresh_from_db()
    goal.refresh_from_db()
    return (
        entry.text == "Mine"
        and goal.title == "Fast CI"
        and Entry.objects.filter(user=user).count() == 1
        and Goal.objects.filter(user=user).count() == 1
        and PerfSummary.objects.filter(user=user).count() == 1
    )


def test_the_check_covers_every_operation_of_the_api(alice_data):
    from perfassist.api import api

    _, entry, goal, summary = alice_data
    listed = {(method.upper(), path) for method, path, _ in every_operation(entry, goal, summary)}
    schema = api.get_openapi_schema()
    documented = {
        (method.upper(), path.replace("{entry_id}", str(entry.pk))
         .replace("{goal_id}", str(goal.pk)).replace("{summary_id}", str(summary.pk))
         .replace("{form_id}", "self-review"))
        for path, operations in schema["paths"].items()
        for method in operations
    }  # fmt: skip
    assert listed == documented


# --- Credentials ---


@pytest.mark.parametrize("authorization", [None, "Bearer pa_wrong", "Bearer", "Basic dXNlcjpw"])
def test_every_request_without_valid_credentials_is_a_401(alice_data, authorization):
    user, entry, goal, summary = alice_data
    # Like curl or a script: nothing skips Django's CSRF check here.
    headers = {"Authorization": authorization} if authorization else {}
    client = Client(enforce_csrf_checks=True, headers=headers)

    for method, path, body in every_operation(entry, goal, summary):
        response = send(client, method, path, body)

        assert (method, path, response.status_code) == (method, path, 401)
        assert response["WWW-Authenticate"] == "Bearer"
        assert response.json() == {
            "detail": "Send a valid API token: Authorization: Bearer <token>."
        }
    assert nothing_changed(user, entry, goal)


def test_a_revoked_token_cannot_write(alice_data):
    user, entry, goal, summary = alice_data
    record, token = ApiToken.issue(user, "laptop")
    ApiToken.objects.filter(pk=record.pk).update(revoked_at=timezone.now())
    client = Client(enforce_csrf_checks=True, headers={"Authorization": f"Bearer {token}"})

    for method, path, body in every_operation(entry, goal, summary):
        response = send(client, method, path, body)

        assert (method, path, response.status_code) == (method, path, 401)
        assert response["WWW-Authenticate"] == "Bearer"
    assert nothing_changed(user, entry, goal)


def test_a_token_of_a_deactivated_user_cannot_write(alice_data):
    user, entry, goal, _ = alice_data
    client = api_client(user, enforce_csrf_checks=True)
    user.is_active = False
    user.save()

    response = client.post("/api/entries", ENTRY, content_type="application/json")

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"


def test_a_browser_session_without_its_csrf_token_still_cannot_write(alice_data):
    user, entry, goal, _ = alice_data
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(user)

    read = browser.get("/api/entries")
    written = browser.post("/api/entries", ENTRY, content_type="application/json")
    deleted = browser.delete(f"/api/entries/{entry.pk}")

    assert read.status_code == 200
    assert written.status_code == deleted.status_code == 403
    assert "CSRF token" in written.json()["detail"]
    assert nothing_changed(user, entry, goal)


def test_the_schema_documents_the_401_of_every_operation_and_the_403_of_writes():
    from perfassist.api import api

    schema = api.get_openapi_schema()

    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            documented = {str(status) for status in operation["responses"]}
            assert {"400", "401"} <= documented, (method, path)
            if method in ("post", "patch", "delete"):
                assert "403" in documented, (method, path)


# --- Query parameters ---


def test_an_unknown_query_parameter_is_a_400_on_every_operation(alice_data):
    user, entry, goal, summary = alice_data
    client = api_client(user)

    for method, path, body in every_operation(entry, goal, summary):
        response = send(client, method, f"{path}?colour=red", body)

        assert (method, path, response.status_code) == (method, path, 400)
        [error] = response.json()["detail"]
        assert error["loc"] == ["query", "colour"]
    assert nothing_changed(user, entry, goal)


def test_the_400_names_the_parameters_an_operation_takes():
    client = api_client(make_user())

    listing = client.get("/api/entries", {"form": "2026-03-01"})
    goals = client.get("/api/goals", {"limit": "5"})

    assert listing.json()["detail"][0]["msg"] == (
        "Unknown parameter: this takes only cursor, from, limit, q, to, type."
    )
    assert goals.json()["detail"][0]["msg"] == (
        "Unknown parameter: this takes no query parameters."
    )


def test_an_unknown_parameter_without_credentials_is_still_a_401():
    response = Client(enforce_csrf_checks=True).get("/api/entries", {"colour": "red"})

    assert response.status_code == 401


def test_known_parameters_still_work():
    user = make_user()
    make_entry(user, text="In March", date=D(2026, 3, 3))

    response = api_client(user).get("/api/entries", {"from": "2026-03-01", "limit": "5"})

    assert response.status_code == 200
    assert [item["text"] for item in response.json()["items"]] == ["In March"]


# --- Bodies ---


@pytest.mark.parametrize(
    "content_type",
    ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data", "", "text/json"],
)
def test_a_body_not_sent_as_json_is_a_400_on_every_write(alice_data, content_type):
    user, entry, goal, summary = alice_data
    client = api_client(user)

    for method, path, body in every_operation(entry, goal, summary):
        if body is None:
            continue
        response = send(client, method, path, body, content_type=content_type)

        assert (method, path, response.status_code) == (method, path, 400)
        assert response.json()["detail"] == [
            {
                "loc": ["header", "Content-Type"],
                "msg": "Send the body as JSON, with the header Content-Type: application/json.",
                "type": "value_error",
            }
        ]
    assert nothing_changed(user, entry, goal)


@pytest.mark.parametrize(
    "content_type",
    ["application/json", "application/json; charset=utf-8", "Application/JSON",
     "application/merge-patch+json"],
)  # fmt: skip
def test_json_under_its_own_types_is_accepted(content_type):
    client = api_client(make_user())

    response = client.post("/api/entries", json.dumps(ENTRY), content_type=content_type)

    assert response.status_code == 201


# --- Waiting for a summary ---


@pytest.fixture
def failing_llm(monkeypatch, settings):
    """The worker runs as a summary is queued, against a model that is overloaded."""
    server = FakeLLM().start()
    monkeypatch.setenv("ANTHROPIC_BASE_URL", server.url)
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend",
                                  "QUEUES": ["default", "llm"]}}  # fmt: skip
    settings.LLM_PROVIDER = "anthropic"
    settings.ANTHROPIC_API_KEY = "test-key"
    settings.LLM_MAX_RETRIES = 0
    server.script(Step(status=529))
    yield server
    server.stop()


@pytest.mark.django_db(transaction=True)
def test_a_wait_that_ends_failed_answers_with_the_failure(failing_llm):
    user = make_user(language="en")
    make_entry(user, text="Cut CI time from 20 to 8 minutes", date=D(2026, 3, 3))

    response = api_client(user).post(
        "/api/perf/summary",
        {"period_start": "2026-03-01", "period_end": "2026-03-31"},
        content_type="application/json",
        headers={"Prefer": "wait=10"},
    )

    summary = PerfSummary.objects.get()
    assert summary.status == "failed"
    assert response.status_code == 200
    body = response.json()
    assert (body["id"], body["status"]) == (str(summary.pk), "failed")
    assert body["error"] == summary.error != ""
    assert body == api_client(user).get(reverse("api:get_summary", args=[summary.pk])).json()


def test_a_wrong_token_is_a_401_even_beside_a_logged_in_session(alice_data):
    user, entry, goal, summary = alice_data
    browser = Client(enforce_csrf_checks=False)
    browser.force_login(user)

    for method, path, body in every_operation(entry, goal, summary):
        response = getattr(browser, method)(
            path,
            data=json.dumps(body) if body is not None else None,
            content_type="application/json",
            headers={"Authorization": "Bearer pa_not-a-token"},
        )
        assert response.status_code == 401, (method, path)
        assert response["WWW-Authenticate"] == "Bearer"
    assert Entry.objects.filter(user=user).count() == 1  # nothing was written


def test_a_body_over_the_upload_limit_is_a_413_in_json(settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    user = make_user()

    response = api_client(user).post(
        "/api/entries", {**ENTRY, "text": "x" * 5000}, content_type="application/json"
    )

    assert response.status_code == 413
    assert "too large" in response.json()["detail"]
    assert not Entry.objects.exists()
