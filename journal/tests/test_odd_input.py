"""Odd input on the journal's ways in (pages, forms, the entries API): dates outside the
supported range, text with nothing visible in it and broken characters are refused with a
400 or a form error that says why, never a 500, and nothing is written."""

import base64
import datetime
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from conftest import api_client, make_entry, make_user
from journal.forms import EntryForm, ProfileForm
from journal.models import ApiToken, Entry
from journal.validation import parse_iso_week

pytestmark = pytest.mark.django_db
D = datetime.date

OUT_OF_RANGE = ["9999-12-31", "0001-01-01", "1969-12-31", "2101-01-01"]
NOT_DATES = ["0000-01-01", "2026-02-30", "99999999-01-01", "9" * 40]
RANGE_MESSAGE = "is outside the dates Perf Assist keeps (1 Jan 1970 to 31 Dec 2100)."
INVISIBLE = ["\u200b", "\u200b\u2060\ufeff", "\u200b \u200c"]
BROKEN = "Fixed the build \ud800"


def post_json(client, path, body: str):
    # A raw body: json.dumps would escape a lone surrogate the same way, but the test says it.
    return client.post(path, body, content_type="application/json")


# --- Dates ---


@pytest.mark.parametrize("day", OUT_OF_RANGE)
def test_today_of_a_day_outside_the_range_is_a_400_that_says_so(alice_client, day):
    response = alice_client.get(reverse("journal:today"), {"date": day})

    assert response.status_code == 400
    assert RANGE_MESSAGE in response.text


@pytest.mark.parametrize("day", NOT_DATES)
def test_today_of_something_that_is_not_a_date_is_a_400(alice_client, day):
    response = alice_client.get(reverse("journal:today"), {"date": day})

    assert response.status_code == 400
    assert "Enter a real date" in response.text


def test_the_last_supported_day_has_no_link_to_the_day_after(alice_client):
    last = alice_client.get(reverse("journal:today"), {"date": "2100-12-31"})
    first = alice_client.get(reverse("journal:today"), {"date": "1970-01-01"})

    assert last.status_code == first.status_code == 200
    assert "2101-01-01" not in last.text and 'rel="next"' not in last.text
    assert "1969-12-31" not in first.text and 'rel="prev"' not in first.text


@pytest.mark.parametrize("day", OUT_OF_RANGE)
def test_an_entry_outside_the_range_is_refused_and_not_saved(alice_client, day):
    response = alice_client.post(
        reverse("journal:entry-create"), {"date": day, "type": "fact", "text": "Shipped it"}
    )

    assert response.status_code == 422
    assert RANGE_MESSAGE in response.text
    assert not Entry.objects.exists()


def test_an_entry_cannot_be_moved_outside_the_range(alice_client, user):
    entry = make_entry(user, date=D(2026, 3, 3))

    response = alice_client.post(
        reverse("journal:entry-edit", args=[entry.pk]),
        {"date": "9999-12-31", "type": "fact", "text": entry.text},
    )

    assert response.status_code == 422
    entry.refresh_from_db()
    assert entry.date == D(2026, 3, 3)


def test_the_model_refuses_a_day_outside_the_range_so_the_admin_does_too(user):
    entry = Entry(user=user, date=D(9999, 12, 31), type="fact", text="Shipped it")

    with pytest.raises(ValidationError) as refused:
        entry.full_clean()

    assert "date" in refused.value.message_dict


def test_the_admin_refuses_a_day_outside_the_range(client):
    admin = make_user("root")
    admin.is_staff = admin.is_superuser = True
    admin.save()
    client.force_login(admin)

    response = client.post(
        reverse("admin:journal_entry_add"),
        {"user": admin.pk, "date": "9999-12-31", "type": "fact", "text": "Shipped it"},
    )

    assert response.status_code == 200  # the form again, with its error
    assert RANGE_MESSAGE in response.text
    assert not Entry.objects.exists()


@pytest.mark.parametrize(("start", "end"), [("0001-01-01", ""), ("", "9999-12-31")])
def test_the_feed_filter_refuses_a_period_outside_the_range(alice_client, start, end):
    response = alice_client.get(reverse("journal:feed"), {"start": start, "end": end})

    assert response.status_code == 400
    assert RANGE_MESSAGE in response.text


def test_a_row_from_a_today_page_outside_the_range_marks_plans_done_today(alice_client, user):
    plan = make_entry(user, type="plan", text="Ship it")

    response = alice_client.get(
        reverse("journal:entry-row", args=[plan.pk]),
        {"next": "/today/?date=9999-12-31"},
        headers={"HX-Request": "true"},
    )

    assert response.status_code == 200
    assert response.context["board_day"] == user.profile.today()


@pytest.mark.parametrize("day", [*OUT_OF_RANGE, "0000-01-01", "2026-02-30"])
def test_the_api_refuses_an_entry_outside_the_range(day):
    client = api_client(make_user())

    response = post_json(
        client, "/api/entries", f'{{"date": "{day}", "type": "fact", "text": "x"}}'
    )

    assert response.status_code == 400
    [error] = response.json()["detail"]
    assert error["loc"] == ["body", "payload", "date"]
    assert RANGE_MESSAGE in error["msg"] or "Enter a real date" in error["msg"]
    assert not Entry.objects.exists()


def test_the_api_refuses_to_move_an_entry_outside_the_range():
    user = make_user()
    entry = make_entry(user, date=D(2026, 3, 3))

    response = api_client(user).patch(
        f"/api/entries/{entry.pk}", {"date": "9999-12-31"}, content_type="application/json"
    )

    assert response.status_code == 400
    assert RANGE_MESSAGE in response.json()["detail"][0]["msg"]
    entry.refresh_from_db()
    assert entry.date == D(2026, 3, 3)


@pytest.mark.parametrize("params", [{"from": "0001-01-01"}, {"to": "9999-12-31"}])
def test_the_api_list_refuses_a_period_outside_the_range(params):
    response = api_client(make_user()).get("/api/entries", params)

    assert response.status_code == 400
    assert RANGE_MESSAGE in response.json()["detail"][0]["msg"]


def forged(day: str, created: str, pk=None) -> str:
    raw = f"{day}|{created}|{pk or uuid.uuid4()}"
    return base64.urlsafe_b64encode(raw.encode()).decode()


@pytest.mark.parametrize(
    "cursor",
    [
        forged("9999-12-31", "9999-12-31T23:59:59-12:00"),
        forged("0001-01-01", "0001-01-01T00:00:00+14:00"),
        forged("2026-03-03", "2026-03-03T10:00:00"),  # no time zone: the API never gives one
        forged("2026-03-03", "2026-03-03T10:00:00+00:00", pk="not-a-uuid"),
        forged("9999-12-31", "2026-03-03T10:00:00+00:00"),
        base64.urlsafe_b64encode(b"2026-03-03|x").decode(),
        base64.urlsafe_b64encode(b"\xff\xfe").decode(),
        "%%%",
    ],
)
def test_a_forged_cursor_is_a_400(cursor):
    user = make_user()
    make_entry(user)

    response = api_client(user).get("/api/entries", {"cursor": cursor})

    assert response.status_code == 400
    assert response.json()["detail"][0] == {
        "loc": ["query", "cursor"],
        "msg": "This cursor is not one the API gave.",
        "type": "value_error",
    }


def test_a_cursor_the_api_gave_still_works():
    user = make_user()
    for day in (1, 2, 3):
        make_entry(user, text=f"Day {day}", date=D(2026, 3, day))
    client = api_client(user)

    first = client.get("/api/entries", {"limit": 2}).json()
    rest = client.get("/api/entries", {"limit": 2, "cursor": first["next_cursor"]}).json()

    assert [item["text"] for item in rest["items"]] == ["Day 3"]


# --- Text ---


@pytest.mark.parametrize("text", INVISIBLE)
def test_an_entry_with_no_visible_character_is_refused(alice_client, text):
    response = alice_client.post(
        reverse("journal:entry-create"), {"date": "2026-03-03", "type": "fact", "text": text}
    )

    assert response.status_code == 422
    assert "Write something: the text has no visible character." in response.text
    assert not Entry.objects.exists()


@pytest.mark.parametrize("text", INVISIBLE)
def test_the_api_refuses_an_entry_with_no_visible_character(text):
    client = api_client(make_user())

    response = client.post(
        "/api/entries",
        {"date": "2026-03-03", "type": "fact", "text": text},
        content_type="application/json",
    )

    assert response.status_code == 400
    [error] = response.json()["detail"]
    assert error["loc"][-1] == "text"
    assert error["msg"] == "Write something: the text has no visible character."
    assert not Entry.objects.exists()


def test_an_entry_holding_a_lone_surrogate_is_refused_by_the_form(user):
    # A browser's form post cannot carry one (Django decodes it to U+FFFD); the API and
    # the importers hand their text to the same form and model rules.
    form = EntryForm({"date": "2026-03-03", "type": "fact", "text": BROKEN}, user=user)

    assert not form.is_valid()
    assert "a lone surrogate" in form.errors["text"][0]


@pytest.mark.parametrize(
    "body",
    [
        r'{"date": "2026-03-03", "type": "fact", "text": "Fixed it \ud800"}',
        r'{"date": "2026-03-03", "type": "fact", "text": "x", "\ud800": 1}',
        r'{"date": "2026-03-03", "type": "\udfff", "text": "x"}',
        r'{"date": "2026-03-03\ud800", "type": "fact", "text": "x"}',
    ],
)
def test_a_lone_surrogate_anywhere_in_the_body_is_a_400_not_a_traceback(body):
    response = post_json(api_client(make_user()), "/api/entries", body)

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response.json()["detail"]
    assert not Entry.objects.exists()


def test_a_lone_surrogate_in_the_text_names_the_broken_character():
    client = api_client(make_user())

    response = post_json(
        client, "/api/entries", r'{"date": "2026-03-03", "type": "fact", "text": "Fixed \ud800"}'
    )

    [error] = response.json()["detail"]
    assert error["loc"][-1] == "text"
    assert "a lone surrogate" in error["msg"]


def test_an_edit_to_a_lone_surrogate_is_refused_and_changes_nothing():
    user = make_user()
    entry = make_entry(user, text="Mine")

    response = api_client(user).patch(
        f"/api/entries/{entry.pk}", r'{"text": "\ud800"}', content_type="application/json"
    )

    assert response.status_code == 400
    assert "a lone surrogate" in response.json()["detail"][0]["msg"]
    entry.refresh_from_db()
    assert entry.text == "Mine"


@pytest.mark.parametrize("guidance", ["\u200b", "\u200b\u200c"])
def test_guidance_with_no_visible_character_is_refused(alice_client, user, guidance):
    response = alice_client.post(
        reverse("journal:profile"),
        {"role": "engineer", "language": "", "time_zone": "UTC", "guidance": guidance},
    )

    assert response.status_code == 422
    assert "Write something: the text has no visible character." in response.text
    user.profile.refresh_from_db()
    assert user.profile.guidance == ""


def test_guidance_holding_a_lone_surrogate_is_refused(user):
    form = ProfileForm(
        {"role": "engineer", "language": "", "time_zone": "UTC", "guidance": "Be brief \ud800"},
        instance=user.profile,
    )

    assert not form.is_valid()
    assert "a lone surrogate" in form.errors["guidance"][0]


def test_empty_guidance_is_still_fine(alice_client, user):
    response = alice_client.post(
        reverse("journal:profile"),
        {"role": "engineer", "language": "", "time_zone": "UTC", "guidance": ""},
    )

    assert response.status_code == 302


def test_a_token_name_with_no_visible_character_is_refused(alice_client):
    response = alice_client.post(reverse("journal:api-token-create"), {"name": "\u200b"})

    assert response.status_code == 422
    assert "Write something: the text has no visible character." in response.text
    assert not ApiToken.objects.exists()


# --- ISO weeks ---


@pytest.mark.parametrize(
    "week", ["2026W47", "2026-w47", "2026-W4", " 2026-W47", "2026-W47 ", "2026-W60", "+2026-W47"]
)
def test_only_the_canonical_iso_week_is_accepted(week):
    with pytest.raises(ValidationError, match="is not an ISO week; write it as 2026-W47."):
        parse_iso_week(week)


def test_a_week_reaching_past_an_end_of_the_range_is_accepted():
    # 1970-01-01 is a Thursday, 2100-12-31 a Friday: their weeks hold supported days.
    assert parse_iso_week("1970-W01") == D(1969, 12, 29)
    assert parse_iso_week("2100-W52") == D(2100, 12, 27)
    assert parse_iso_week("2026-W47") == D(2026, 11, 16)


@pytest.mark.parametrize("week", ["1969-W51", "2101-W02", "9999-W52", "0001-W01"])
def test_a_week_wholly_outside_the_range_is_refused(week):
    with pytest.raises(ValidationError, match="outside the dates Perf Assist keeps"):
        parse_iso_week(week)


@pytest.mark.parametrize("text", ["\u3164", "\u115f\u1160", "\u2800", "\uffa0 \u3164"])
def test_blank_looking_letters_are_no_visible_text(text):
    from journal.validation import has_visible_character

    assert not has_visible_character(text)
    assert has_visible_character(text + "a")


@pytest.mark.parametrize("written", ["\uff12026-11-20", "2026-11-\u0662\u0660"])
def test_a_date_written_in_other_digits_is_refused(alice_client, written):
    response = alice_client.post(
        reverse("journal:entry-create"), {"date": written, "type": "fact", "text": "Shipped it"}
    )

    assert response.status_code == 422
    assert not Entry.objects.exists()
    assert alice_client.get(reverse("journal:feed"), {"start": written}).status_code == 400
