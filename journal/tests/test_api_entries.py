"""The JSON API's entries: capture, list a period, edit, delete; tokens and errors."""

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from conftest import api_client, make_entry, make_goal, make_user
from journal.models import ApiToken, Entry

pytestmark = pytest.mark.django_db
D = datetime.date


def post(client, path, data):
    return client.post(path, data, content_type="application/json")


def patch(client, path, data):
    return client.patch(path, data, content_type="application/json")


def test_capture_an_entry():
    user = make_user()
    client = api_client(user)

    response = post(client, "/api/entries", {"date": "2026-03-03", "type": "fact",
                                             "text": "Shipped search v2"})  # fmt: skip

    entry = Entry.objects.get()
    assert response.status_code == 201
    assert response.json() == {
        "id": str(entry.pk),
        "date": "2026-03-03",
        "type": "fact",
        "text": "Shipped search v2",
        "created_at": response.json()["created_at"],
        "goal_ids": [],
    }
    assert entry.user == user


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"date": "2026-02-30", "type": "fact", "text": "x"}, "date"),
        ({"date": "yesterday", "type": "fact", "text": "x"}, "date"),
        ({"date": "2026-03-03", "type": "idea", "text": "x"}, "type"),
        ({"date": "2026-03-03", "type": "fact", "text": ""}, "text"),
        ({"date": "2026-03-03", "type": "fact", "text": "   "}, "text"),
        ({"date": "2026-03-03", "type": "fact", "text": "x" * 10_001}, "text"),
        ({"date": "2026-03-03", "type": "fact", "text": "x", "mood": "good"}, "mood"),
        ({"type": "fact", "text": "x"}, "date"),
        ({"date": "2026-03-03", "type": "fact", "text": "nul\x00byte"}, "text"),
    ],
)
def test_bad_input_is_a_400_with_the_field_and_writes_nothing(payload, field):
    response = post(api_client(make_user()), "/api/entries", payload)

    assert response.status_code == 400
    assert field in [error["loc"][-1] for error in response.json()["detail"]]
    assert not Entry.objects.exists()


@pytest.mark.parametrize("date", ["2026-02-30", "0", "yesterday"])
def test_a_bad_date_is_named_in_a_plain_sentence(date):
    payload = {"date": date, "type": "fact", "text": "x"}
    response = post(api_client(make_user()), "/api/entries", payload)

    [error] = response.json()["detail"]
    assert error["msg"] == "Enter a real date as YYYY-MM-DD, such as 2026-03-02."


def test_a_body_that_is_not_json_is_a_400():
    response = api_client(make_user()).post(
        "/api/entries", "{not json", content_type="application/json"
    )
    assert response.status_code == 400


def test_list_a_period_a_page_at_a_time():
    user = make_user()
    inside = [make_entry(user, text=f"Day {n}", date=D(2026, 3, 1) + datetime.timedelta(n))
              for n in range(5)]  # fmt: skip
    make_entry(user, text="Before", date=D(2026, 2, 27))
    make_entry(make_user(), text="Someone else's", date=D(2026, 3, 2))
    client = api_client(user)

    first = client.get("/api/entries", {"from": "2026-03-01", "to": "2026-03-31", "limit": 3})
    rest = client.get("/api/entries", {"from": "2026-03-01", "to": "2026-03-31", "limit": 3,
                                       "cursor": first.json()["next_cursor"]})  # fmt: skip

    assert [item["text"] for item in first.json()["items"]] == ["Day 0", "Day 1", "Day 2"]
    assert [item["text"] for item in rest.json()["items"]] == ["Day 3", "Day 4"]
    assert rest.json()["next_cursor"] is None
    assert {item["id"] for item in first.json()["items"] + rest.json()["items"]} == {
        str(entry.pk) for entry in inside
    }


def test_list_by_type_and_words():
    user = make_user()
    make_entry(user, type="plan", text="Миграция на Kafka")
    make_entry(user, type="fact", text="Миграция завершена")
    make_entry(user, type="fact", text="Ревью")

    response = api_client(user).get("/api/entries", {"type": "fact", "q": "миграция"})

    assert [item["text"] for item in response.json()["items"]] == ["Миграция завершена"]


@pytest.mark.parametrize(
    "params",
    [
        {"from": "2026-03-31", "to": "2026-03-01"},
        {"from": "March"},
        {"type": "idea"},
        {"cursor": "not-a-cursor"},
        {"limit": "0"},
        {"limit": "1000"},
        {"q": "nul\x00byte"},
    ],
)
def test_bad_filters_are_a_400(params):
    assert api_client(make_user()).get("/api/entries", params).status_code == 400


def test_a_repeated_parameter_is_a_400():
    response = api_client(make_user()).get("/api/entries?q=a&q=b")
    assert response.status_code == 400
    assert response.json()["detail"][0]["loc"] == ["query", "q"]


def test_read_edit_and_delete_an_entry():
    user = make_user()
    entry = make_entry(user, type="plan", text="Write the RFC", date=D(2026, 3, 3))
    client = api_client(user)
    url = f"/api/entries/{entry.pk}"

    assert client.get(url).json()["text"] == "Write the RFC"
    edited = patch(client, url, {"type": "fact", "text": "Wrote the RFC"})
    assert edited.status_code == 200
    assert (edited.json()["type"], edited.json()["text"], edited.json()["date"]) == (
        "fact", "Wrote the RFC", "2026-03-03",
    )  # fmt: skip
    assert client.delete(url).status_code == 204
    assert not Entry.objects.exists()


def test_a_bad_edit_changes_nothing():
    user = make_user()
    entry = make_entry(user, text="Write the RFC")
    client = api_client(user)

    for payload in ({"text": ""}, {"text": None}, {"date": "2026-13-01"}, {"owner": "me"}):
        assert patch(client, f"/api/entries/{entry.pk}", payload).status_code == 400
    entry.refresh_from_db()
    assert entry.text == "Write the RFC"


def test_an_explicit_goal_ids_list_is_the_truth_whatever_the_tags_say():
    user = make_user()
    billing = make_goal(user=user, title="Billing", slug="billing")
    search = make_goal(user=user, title="Search", slug="search")
    theirs = make_goal(user=make_user(), title="Theirs", slug="theirs")
    client = api_client(user)

    payload = {"date": "2026-03-03", "type": "fact", "text": "Paired #billing"}
    tagged = post(client, "/api/entries", payload)
    assert tagged.json()["goal_ids"] == [str(billing.pk)]  # no goal_ids: the #tag links
    created = post(client, "/api/entries", {**payload, "goal_ids": [str(search.pk)]})
    entry_id = created.json()["id"]
    assert created.json()["goal_ids"] == [str(search.pk)]

    replaced = patch(client, f"/api/entries/{entry_id}", {"goal_ids": [str(billing.pk)]})
    assert replaced.json()["goal_ids"] == [str(billing.pk)]
    emptied = patch(client, f"/api/entries/{entry_id}", {"goal_ids": []})
    assert emptied.json()["goal_ids"] == []  # its #tag does not link it again

    foreign = patch(client, f"/api/entries/{entry_id}", {"goal_ids": [str(theirs.pk)]})
    assert foreign.status_code == 400
    assert foreign.json()["detail"][0]["loc"] == ["body", "goal_ids"]


def test_another_users_entry_is_404():
    entry = make_entry(make_user(), text="Mine")
    client = api_client(make_user())
    url = f"/api/entries/{entry.pk}"

    assert client.get(url).status_code == 404
    assert patch(client, url, {"text": "Yours"}).status_code == 404
    assert client.delete(url).status_code == 404
    entry.refresh_from_db()
    assert entry.text == "Mine"


@pytest.mark.parametrize(
    "authorization", [None, "Bearer", "Bearer pa_wrong", "Basic dXNlcjpwYXNz", "pa_x"]
)
def test_without_a_valid_token_it_is_401(authorization):
    headers = {"Authorization": authorization} if authorization else {}
    response = Client(headers=headers).get("/api/entries")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"


def test_a_revoked_token_stops_working(client_for):
    user = make_user()
    record, token = ApiToken.issue(user, "laptop")
    client = Client(headers={"Authorization": f"Bearer {token}"})
    assert client.get("/api/entries").status_code == 200

    client_for(user).post(reverse("journal:api-token-revoke", args=[record.pk]))

    assert client.get("/api/entries").status_code == 401


def test_the_settings_page_makes_a_token_shown_once(client_for):
    user = make_user()
    browser = client_for(user)

    made = browser.post(reverse("journal:api-token-create"), {"name": "shell"})
    token = made.context["new_token"]
    again = browser.get(reverse("journal:profile"))

    assert token.startswith("pa_") and token in made.text
    assert token not in again.text and "shell" in again.text
    record = ApiToken.objects.get()
    assert record.digest == ApiToken.digest_of(token) and token not in str(record.__dict__)
    listed = Client(headers={"Authorization": f"Bearer {token}"}).get("/api/entries")
    assert listed.status_code == 200


def test_a_token_needs_a_name(client_for):
    response = client_for(make_user()).post(reverse("journal:api-token-create"), {"name": ""})
    assert response.status_code == 422
    assert "Give the token a name" in response.text
    assert not ApiToken.objects.exists()


def test_the_command_prints_a_token():
    user = make_user("ann")
    out = StringIO()

    call_command("create_api_token", "ann", "--name", "cron", stdout=out)

    token = out.getvalue().strip()
    assert ApiToken.user_for(token) == user
    with pytest.raises(CommandError, match="There is no user 'bob'."):
        call_command("create_api_token", "bob")


def test_the_browser_session_works_with_its_csrf_token():
    user = make_user()
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(user)
    payload = {"date": "2026-03-03", "type": "fact", "text": "From the browser"}

    refused = browser.post("/api/entries", payload, content_type="application/json")
    browser.get(reverse("journal:today"))  # sets the CSRF cookie
    allowed = browser.post(
        "/api/entries", payload, content_type="application/json",
        headers={"X-CSRFToken": browser.cookies["csrftoken"].value},
    )  # fmt: skip

    assert refused.status_code in (401, 403)
    assert allowed.status_code == 201
