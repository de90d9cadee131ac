import datetime
import json

import pytest
from django.test import Client
from django.urls import reverse

from conftest import make_entry, make_user
from journal.models import Entry

pytestmark = pytest.mark.django_db

CREATE_URL = reverse("journal:entry-create")
TODAY_PAGE = "http://testserver/today/?date=2026-11-24"
HTMX = {"HTTP_HX_REQUEST": "true"}


def post_entry(client, **fields):
    data = {"date": "2026-11-24", "type": "plan", "text": "Write the RFC", **fields}
    return client.post(CREATE_URL, data)


def test_it_adds_a_plan_and_returns_to_that_day(client_for):
    user = make_user()

    response = post_entry(client_for(user), text="  Write the RFC  ")

    assert response.status_code == 302
    assert response["Location"] == reverse("journal:today") + "?date=2026-11-24"
    entry = Entry.objects.get()
    assert (entry.user, entry.type, entry.text) == (user, "plan", "Write the RFC")
    assert entry.date == datetime.date(2026, 11, 24)


def test_htmx_gets_the_refreshed_board(client_for):
    client = client_for(make_user())

    response = client.post(
        CREATE_URL, {"date": "2026-11-24", "type": "fact", "text": "Deployed v2"}, **HTMX
    )

    assert response.status_code == 200
    assert response.text.lstrip().startswith('<div id="board"')
    assert "Deployed v2" in response.text
    assert "<html" not in response.text


def test_a_fact_can_fulfil_the_users_plan(client_for):
    user = make_user()
    plan = make_entry(user, type="plan", text="Ship search")

    post_entry(client_for(user), type="fact", text="Shipped search", fulfils_plan=plan.pk)

    fact = Entry.objects.get(type="fact")
    assert fact.fulfils_plan == plan


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"date": "2026-02-30"}, "Enter a real date, such as 2026-01-30."),
        ({"type": "idea"}, "An entry is either a plan or a fact."),
        ({"text": "   "}, "Write something: an entry cannot be empty."),
        ({"text": "я" * 10_001}, "An entry can be at most 10000 characters long (it has 10001)."),
    ],
    ids=["impossible date", "unknown type", "blank text", "over-long text"],
)
def test_bad_input_is_a_clear_error_and_saves_nothing(client_for, fields, message):
    response = post_entry(client_for(make_user()), **fields)

    assert response.status_code == 422
    assert message in response.text
    assert not Entry.objects.exists()


def test_bad_input_over_htmx_swaps_the_board_with_the_error(client_for):
    response = client_for(make_user()).post(
        CREATE_URL, {"date": "2026-11-24", "type": "fact", "text": ""}, **HTMX
    )

    assert response.status_code == 422
    assert "Write something: an entry cannot be empty." in response.text
    assert "<html" not in response.text


def test_a_fact_cannot_fulfil_a_strangers_plan(client_for):
    strangers_plan = make_entry(make_user(), type="plan")

    response = post_entry(client_for(make_user()), type="fact", fulfils_plan=strangers_plan.pk)

    assert response.status_code == 422
    assert "That plan does not exist or is not yours." in response.text
    assert Entry.objects.count() == 1


def test_only_a_fact_can_mark_a_plan_done(client_for):
    user = make_user()
    plan = make_entry(user, type="plan")

    response = post_entry(client_for(user), type="plan", fulfils_plan=plan.pk)

    assert response.status_code == 422
    assert "Only a fact can mark a plan as done." in response.text


def test_create_rejects_get(client_for):
    assert client_for(make_user()).get(CREATE_URL).status_code == 405


def test_a_post_without_csrf_token_changes_nothing():
    user = make_user()
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)

    response = post_entry(client)

    assert response.status_code == 403
    assert not Entry.objects.exists()


def test_anonymous_posts_go_to_login_and_save_nothing(client):
    make_user()
    response = post_entry(client)

    assert response.status_code == 302
    assert not Entry.objects.exists()


def test_it_edits_an_entry_and_goes_back(client_for):
    user = make_user()
    entry = make_entry(user, text="Old text")
    url = reverse("journal:entry-edit", args=[entry.pk])

    response = client_for(user).post(
        url, {"date": "2026-11-23", "type": "fact", "text": "New text", "next": "/feed/?q=new"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/feed/?q=new"
    entry.refresh_from_db()
    assert (entry.text, entry.date) == ("New text", datetime.date(2026, 11, 23))


def test_the_plain_edit_page_goes_back_where_it_came_from(client_for):
    user = make_user()
    entry = make_entry(user, text="Old text")
    url = reverse("journal:entry-edit", args=[entry.pk])
    client = client_for(user)

    page = client.get(url, HTTP_REFERER="http://testserver/feed/?page=3")
    assert '<input type="hidden" name="next" value="/feed/?page=3">' in page.text

    response = client.post(
        url, {"date": "2026-11-24", "type": "fact", "text": "New", "next": "/feed/?page=3"}
    )
    assert response["Location"] == "/feed/?page=3"


def test_edit_ignores_a_next_url_on_another_site(client_for):
    user = make_user()
    entry = make_entry(user)
    url = reverse("journal:entry-edit", args=[entry.pk])

    response = client_for(user).post(
        url, {"date": "2026-11-24", "type": "fact", "text": "x", "next": "https://evil.example/"}
    )

    assert response["Location"] == reverse("journal:today") + "?date=2026-11-24"


def test_edit_in_place_over_htmx(client_for):
    user = make_user()
    entry = make_entry(user, text="Old text")
    url = reverse("journal:entry-edit", args=[entry.pk])
    client = client_for(user)

    form = client.get(url, **HTMX, HTTP_HX_CURRENT_URL=TODAY_PAGE)
    saved = client.post(
        url,
        {"date": "2026-11-24", "type": "fact", "text": "Edited", "next": "/today/?date=2026-11-24"},
        **HTMX,
    )

    assert form.status_code == 200
    assert "<form" in form.text and "<html" not in form.text
    assert saved.status_code == 200
    assert saved.text.lstrip().startswith(f'<li class="entry entry--fact" id="entry-{entry.pk}"')
    assert "Edited" in saved.text
    assert "HX-Trigger" not in saved  # nothing else on the page changed


def test_a_plan_edited_in_place_on_today_keeps_its_done_button(client_for):
    user = make_user()
    plan = make_entry(user, type="plan", text="Plan", date=datetime.date(2026, 11, 24))

    saved = client_for(user).post(
        reverse("journal:entry-edit", args=[plan.pk]),
        {"date": "2026-11-24", "type": "plan", "text": "Better plan"},
        **HTMX,
        HTTP_HX_CURRENT_URL=TODAY_PAGE,
    )

    assert f"?date=2026-11-24&amp;done={plan.pk}" in saved.text


def test_a_plan_edited_in_place_in_feed_has_no_done_button(client_for):
    user = make_user()
    plan = make_entry(user, type="plan", text="Plan", date=datetime.date(2026, 11, 24))

    saved = client_for(user).post(
        reverse("journal:entry-edit", args=[plan.pk]),
        {"date": "2026-11-20", "type": "plan", "text": "Better plan"},
        **HTMX,
        HTTP_HX_CURRENT_URL="http://testserver/feed/?q=plan",
    )

    assert "done=" not in saved.text
    assert "HX-Trigger" not in saved  # Feed keeps the row where it is


def test_an_entry_edited_into_another_day_tells_today_to_reload_its_lists(client_for):
    user = make_user()
    entry = make_entry(user, date=datetime.date(2026, 11, 24))

    saved = client_for(user).post(
        reverse("journal:entry-edit", args=[entry.pk]),
        {"date": "2026-11-23", "type": "fact", "text": "Yesterday, really"},
        **HTMX,
        HTTP_HX_CURRENT_URL=TODAY_PAGE,
    )

    assert json.loads(saved["HX-Trigger"]) == {"entries-moved": {}}


def test_bad_edit_keeps_the_entry_as_it_was(client_for):
    user = make_user()
    entry = make_entry(user, text="Keep me")
    url = reverse("journal:entry-edit", args=[entry.pk])

    response = client_for(user).post(url, {"date": "2026-02-30", "type": "fact", "text": ""})

    assert response.status_code == 422
    entry.refresh_from_db()
    assert entry.text == "Keep me"


def test_it_deletes_an_entry(client_for):
    user = make_user()
    entry = make_entry(user)
    client = client_for(user)

    response = client.post(reverse("journal:entry-delete", args=[entry.pk]), **HTMX)

    assert response.status_code == 200
    # The row is replaced by nothing; only the out-of-band "Entry deleted. Undo" comes back.
    assert response.text.lstrip().startswith('<div hx-swap-oob="innerHTML:#undo-status">')
    assert "Entry deleted." in response.text
    assert "HX-Trigger" not in response
    assert not Entry.objects.exists()


def test_deleting_the_fact_that_fulfilled_a_plan_reopens_the_plan(client_for):
    user = make_user()
    plan = make_entry(user, type="plan")
    fact = make_entry(user, type="fact", fulfils_plan=plan)

    response = client_for(user).post(reverse("journal:entry-delete", args=[fact.pk]), **HTMX)

    assert json.loads(response["HX-Trigger"]) == {"entry-rows-stale": {"ids": [str(plan.pk)]}}
    assert not Entry.objects.plans().with_done_flag().get().is_done


def test_delete_asks_first_without_javascript(client_for):
    user = make_user()
    entry = make_entry(user, text="Think twice")

    response = client_for(user).get(reverse("journal:entry-delete", args=[entry.pk]))

    assert response.status_code == 200
    assert "Think twice" in response.text
    assert Entry.objects.exists()


@pytest.mark.parametrize(
    ("name", "method", "status"),
    [
        ("entry-edit", "get", 404),
        ("entry-edit", "post", 404),
        ("entry-delete", "get", 404),
        ("entry-delete", "post", 404),
        ("entry-row", "get", 404),
        ("entry-row", "post", 405),  # refused before any lookup
    ],
)
def test_strangers_entry_is_404(client_for, name, method, status):
    entry = make_entry(make_user(), text="Alice's secret")

    response = getattr(client_for(make_user()), method)(
        reverse(f"journal:{name}", args=[entry.pk]), **HTMX
    )

    assert response.status_code == status
    assert "secret" not in response.text
    entry.refresh_from_db()
    assert entry.text == "Alice's secret"


def test_a_row_cancels_an_edit(client_for):
    user = make_user()
    entry = make_entry(user, text="Just a row")

    response = client_for(user).get(reverse("journal:entry-row", args=[entry.pk]), **HTMX)

    assert response.status_code == 200
    assert response.text.lstrip().startswith('<li class="entry entry--fact')


def test_row_links_build_on_the_row_url():
    # entry.html renders one {% url %} per row and appends edit/ and delete/ to it.
    row = reverse("journal:entry-row", args=["9b3b2a4e-1d55-4c36-9a43-5b8cbbd2b6d1"])

    assert (
        reverse("journal:entry-edit", args=["9b3b2a4e-1d55-4c36-9a43-5b8cbbd2b6d1"])
        == row + "edit/"
    )
    assert (
        reverse("journal:entry-delete", args=["9b3b2a4e-1d55-4c36-9a43-5b8cbbd2b6d1"])
        == row + "delete/"
    )


def test_a_done_fact_edited_into_a_plan_lets_go_of_its_plan(client_for):
    user = make_user()
    plan = make_entry(user, type="plan")
    fact = make_entry(user, type="fact", text="Did it", fulfils_plan=plan)

    response = client_for(user).post(
        reverse("journal:entry-edit", args=[fact.pk]),
        {"date": "2026-11-24", "type": "plan", "text": "Do it again", "fulfils_plan": plan.pk},
    )

    assert response.status_code == 302
    fact.refresh_from_db()
    assert (fact.type, fact.fulfils_plan) == ("plan", None)


def test_a_plan_marked_done_cannot_become_a_fact(client_for):
    user = make_user()
    plan = make_entry(user, type="plan", text="Plan")
    make_entry(user, type="fact", fulfils_plan=plan)

    response = client_for(user).post(
        reverse("journal:entry-edit", args=[plan.pk]),
        {"date": "2026-11-24", "type": "fact", "text": "Plan"},
    )

    assert response.status_code == 422
    assert "A fact already marks this plan as done" in response.text
    plan.refresh_from_db()
    assert plan.type == "plan"


@pytest.mark.parametrize(
    "next_url",
    ["http://testserver//evil.example/", "http://testserver/\\evil.example/", "//evil.example/"],
)
def test_no_next_url_leads_off_the_site(client_for, next_url):
    user = make_user()
    entry = make_entry(user)
    url = reverse("journal:entry-edit", args=[entry.pk])

    page = client_for(user).get(url, {"next": next_url})
    saved = client_for(user).post(
        url, {"date": "2026-11-24", "type": "fact", "text": "x", "next": next_url}
    )

    assert saved["Location"] == reverse("journal:today") + "?date=2026-11-24"
    assert "evil" not in page.text


def test_an_empty_post_is_a_clear_error(client_for):
    user = make_user()
    entry = make_entry(user, text="Keep")

    response = client_for(user).post(reverse("journal:entry-edit", args=[entry.pk]), {})

    assert response.status_code == 422
    entry.refresh_from_db()
    assert entry.text == "Keep"


def test_the_error_page_without_javascript_still_navigates_days(client_for):
    # The 422 page is served at /entries/new/: its links must not be relative to it.
    response = post_entry(client_for(make_user()), text="")

    assert response.status_code == 422
    assert 'href="/today/?date=2026-11-23"' in response.text
    assert 'action="/today/" class="day-picker"' in response.text
