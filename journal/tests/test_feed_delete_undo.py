"""Delete in place keeps Feed true (its count, an emptied day's heading) and offers Undo,
which brings the entry back as it was, into its owner's journal only. (What perf hangs on
an entry, restored: perf/tests/test_entry_undo.py.)"""

import datetime
import json
import re

import pytest
from django.core import signing
from django.urls import reverse

from conftest import make_entry, make_goal, make_user
from journal import extensions, undo
from journal.models import Entry

pytestmark = pytest.mark.django_db
D = datetime.date
HTMX = {"HTTP_HX_REQUEST": "true"}
FEED = "http://testserver/feed/"
UNDO_URL = reverse("journal:entry-undo")


def delete(client, entry, current_url=FEED, **headers):
    url = reverse("journal:entry-delete", args=[entry.pk])
    return client.post(url, **HTMX, HTTP_HX_CURRENT_URL=current_url, **headers)


def token_of(response) -> str:
    return re.search(r'name="token" value="([^"]+)"', response.text).group(1)


def test_deleting_in_feed_updates_the_count_and_keeps_a_day_that_has_entries(client_for):
    user = make_user()
    gone = make_entry(user, date=D(2026, 3, 4), text="Wrote the migration")
    make_entry(user, date=D(2026, 3, 4), text="Reviewed two PRs")
    make_entry(user, date=D(2026, 3, 3))

    response = delete(client_for(user), gone, current_url=FEED + "?type=fact")

    assert '<div id="feed-count" hx-swap-oob="true">' in response.text
    assert "2 entries" in response.text
    assert 'id="day-2026-03-04"' not in response.text  # its heading stays


def test_deleting_in_the_whole_feed_sends_no_count(client_for):
    user = make_user()
    gone = make_entry(user, date=D(2026, 3, 4))
    make_entry(user, date=D(2026, 3, 3))

    response = delete(client_for(user), gone)

    assert '<div id="feed-count" hx-swap-oob="true">' in response.text
    assert "result-count" not in response.text and "journal is empty" not in response.text


def test_deleting_a_days_last_entry_in_feed_removes_its_heading(client_for):
    user = make_user()
    gone = make_entry(user, date=D(2026, 3, 4))
    make_entry(user, date=D(2026, 3, 3))

    response = delete(client_for(user), gone, current_url=FEED + "?q=shipped")

    assert '<section id="day-2026-03-04" hx-swap-oob="delete">' in response.text
    assert "1 entry" in response.text


def test_deleting_a_weeks_last_entry_in_feed_removes_its_week_card_too(client_for):
    user = make_user()
    alone = make_entry(user, date=D(2026, 3, 4))  # the only entry of the week of 2 March
    kept = make_entry(user, date=D(2026, 3, 11))  # and one of 9 March, with a neighbour
    make_entry(user, date=D(2026, 3, 13))
    client = client_for(user)
    page = client.get(reverse("journal:feed")).text
    assert 'id="week-of-2026-03-02"' in page and 'id="week-of-2026-03-09"' in page

    emptied = delete(client, alone)
    not_emptied = delete(client, kept)

    assert '<div id="week-of-2026-03-02" hx-swap-oob="delete">' in emptied.text
    # A week that keeps entries keeps its card, sent again to say they changed.
    assert 'id="week-of-2026-03-09" hx-swap-oob="delete"' not in not_emptied.text
    assert 'hx-swap-oob="innerHTML:#week-of-2026-03-09"' in not_emptied.text


def test_the_count_follows_the_feeds_filters(client_for):
    user = make_user()
    plan = make_entry(user, type="plan", date=D(2026, 3, 4), text="Plan the rollout")
    make_entry(user, type="fact", date=D(2026, 3, 4))
    make_entry(user, type="plan", date=D(2026, 3, 2), text="Plan the review")

    response = delete(client_for(user), plan, current_url=FEED + "?type=plan")

    assert "1 entry" in response.text
    # Only plans are listed: 4 March shows none now, though it has a fact.
    assert 'id="day-2026-03-04" hx-swap-oob="delete"' in response.text


def test_deleting_the_last_entry_the_filters_find_says_so(client_for):
    user = make_user()
    entry = make_entry(user, text="Only match")
    make_entry(user, text="Something else")

    response = delete(client_for(user), entry, current_url=FEED + "?q=only")

    assert "Nothing matches these filters." in response.text


def test_deleting_on_today_sends_no_feed_parts(client_for):
    user = make_user()
    entry = make_entry(user, date=D(2026, 3, 4))

    response = delete(
        client_for(user), entry, current_url="http://testserver/today/?date=2026-03-04"
    )

    assert "Entry deleted." in response.text
    assert "feed-count" not in response.text and 'hx-swap-oob="delete"' not in response.text


def test_feed_pages_have_the_ids_the_deletes_update(client_for):
    user = make_user()
    make_entry(user, date=D(2026, 3, 4))

    page = client_for(user).get(reverse("journal:feed"))

    assert 'id="feed-count"' in page.text and 'id="day-2026-03-04"' in page.text
    assert 'id="undo-status"' in page.text and 'role="status"' in page.text


def test_undo_brings_the_entry_back_as_it_was(client_for):
    user = make_user()
    entry = make_entry(user, type="plan", date=D(2026, 3, 4), text="Plan the #search rollout")
    goal = make_goal(user, title="Search", slug="search")
    entry.goals.add(goal)
    fact = make_entry(user, date=D(2026, 3, 5), text="Rolled it out", fulfils_plan=entry)
    Entry.objects.filter(pk=entry.pk).update(
        created_at=datetime.datetime(2026, 3, 4, 9, 30, tzinfo=datetime.UTC),
        updated_at=datetime.datetime(2026, 3, 4, 10, 0, tzinfo=datetime.UTC),
    )
    before = Entry.objects.values().get(pk=entry.pk)
    client = client_for(user)

    response = client.post(UNDO_URL, {"token": token_of(delete(client, entry))}, **HTMX)

    assert response.status_code == 200
    assert "Entry restored." in response.text
    assert json.loads(response["HX-Trigger"]) == {"entries-moved": {}}
    assert Entry.objects.values().get(pk=entry.pk) == before
    restored = Entry.objects.get(pk=entry.pk)
    assert list(restored.goals.all()) == [goal]
    fact.refresh_from_db()
    assert fact.fulfils_plan_id == entry.pk  # the plan is done again


def test_undo_keeps_a_goal_the_user_had_unticked_unlinked(client_for):
    user = make_user()
    make_goal(user, title="Search", slug="search")
    entry = make_entry(user, text="Tuned #search")
    entry.goals.clear()  # unticked, though the #tag is in the text
    client = client_for(user)

    client.post(UNDO_URL, {"token": token_of(delete(client, entry))}, **HTMX)

    assert list(Entry.objects.get(pk=entry.pk).goals.all()) == []


def test_a_fact_whose_plan_went_meanwhile_comes_back_without_it(client_for):
    user = make_user()
    plan = make_entry(user, type="plan")
    fact = make_entry(user, fulfils_plan=plan)
    client = client_for(user)
    token = token_of(delete(client, fact))
    plan.delete()

    client.post(UNDO_URL, {"token": token}, **HTMX)

    assert Entry.objects.get(pk=fact.pk).fulfils_plan is None


def test_undo_outside_feed_and_today_reloads_the_page(client_for):
    user = make_user()
    entry = make_entry(user)
    client = client_for(user)
    token = token_of(delete(client, entry, current_url="http://testserver/perf/goals/"))

    response = client.post(UNDO_URL, {"token": token, "next": "/perf/goals/"}, **HTMX)

    assert response["HX-Refresh"] == "true"
    assert Entry.objects.filter(pk=entry.pk).exists()


def test_without_javascript_delete_then_undo_is_two_plain_posts(client_for):
    user = make_user()
    entry = make_entry(user, text="Think twice")
    client = client_for(user)

    deleted = client.post(
        reverse("journal:entry-delete", args=[entry.pk]), {"next": "/feed/?type=fact"}
    )
    assert deleted.status_code == 200
    assert "Entry deleted." in deleted.text and "hx-post" not in deleted.text
    assert not Entry.objects.exists()

    undone = client.post(UNDO_URL, {"token": token_of(deleted), "next": "/feed/?type=fact"})

    assert undone.status_code == 302 and undone["Location"] == "/feed/?type=fact"
    assert Entry.objects.get(pk=entry.pk).text == "Think twice"
    assert "Entry restored." in client.get(undone["Location"]).text


@pytest.mark.parametrize(
    ("mangle", "message"),
    [
        (lambda token: token[:-3] + "abc", "This undo is not valid here"),
        (lambda token: "", "This undo is not valid here"),
    ],
)
def test_a_tampered_token_is_refused_clearly(client_for, mangle, message):
    user = make_user()
    entry = make_entry(user)
    client = client_for(user)
    token = token_of(delete(client, entry))

    response = client.post(UNDO_URL, {"token": mangle(token)}, **HTMX)

    assert response.status_code == 200
    assert message in response.text and "undo-line--refused" in response.text
    assert "HX-Trigger" not in response and "HX-Refresh" not in response
    assert not Entry.objects.exists()


def test_an_expired_token_is_refused(client_for, monkeypatch):
    user = make_user()
    entry = make_entry(user)
    client = client_for(user)
    token = token_of(delete(client, entry))
    later = signing.time.time() + undo.UNDO_MAX_AGE + 1
    monkeypatch.setattr(signing.time, "time", lambda: later)

    response = client.post(UNDO_URL, {"token": token, "next": "/feed/"})

    assert response.status_code == 302
    assert "Too late to undo: the entry stays deleted." in client.get("/feed/").text
    assert not Entry.objects.exists()


def test_another_users_token_restores_nothing(client_for):
    alice, bob = make_user(), make_user()
    entry = make_entry(alice, text="Alice's secret")
    token = token_of(delete(client_for(alice), entry))

    response = client_for(bob).post(UNDO_URL, {"token": token}, **HTMX)

    assert "This undo is not valid here" in response.text
    assert not Entry.objects.exists()


def test_a_second_undo_says_the_entry_is_back(client_for):
    user = make_user()
    entry = make_entry(user)
    client = client_for(user)
    token = token_of(delete(client, entry))
    client.post(UNDO_URL, {"token": token}, **HTMX)

    response = client.post(UNDO_URL, {"token": token}, **HTMX)

    assert "This entry is back already." in response.text
    assert Entry.objects.count() == 1


def test_two_undos_racing_past_the_check_restore_once_and_refuse_the_other(client_for, monkeypatch):
    user = make_user()
    entry = make_entry(user)
    token = token_of(delete(client_for(user), entry))
    undo.restore_entry(user, token)
    # The second post read "not there" before the first one's insert was committed.
    monkeypatch.setattr("django.db.models.QuerySet.exists", lambda queryset: False)

    with pytest.raises(undo.UndoRefused, match="back already"):
        undo.restore_entry(user, token)
    assert Entry.objects.filter(pk=entry.pk).count() == 1


def test_undo_takes_only_a_post(client_for):
    response = client_for(make_user()).get(UNDO_URL)

    assert response.status_code == 405


def test_undo_wants_a_login(client):
    response = client.post(UNDO_URL, {"token": "x"})

    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_with_nothing_registered_undo_brings_back_the_entry(client_for, monkeypatch):
    monkeypatch.setattr(extensions, "_keepers", {})
    user = make_user()
    entry = make_entry(user, text="Plain entry")
    client = client_for(user)

    client.post(UNDO_URL, {"token": token_of(delete(client, entry))}, **HTMX)

    assert Entry.objects.get(pk=entry.pk).text == "Plain entry"


def test_a_long_russian_entry_fits_its_token(client_for):
    user = make_user()
    entry = make_entry(user, text="Починил утечку памяти в воркере. " * 300)
    client = client_for(user)

    token = token_of(delete(client, entry))
    client.post(UNDO_URL, {"token": token}, **HTMX)

    assert len(token) < 20_000  # compressed: a hidden field, not a burden
    assert Entry.objects.get(pk=entry.pk).text == entry.text
