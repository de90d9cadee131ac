"""An entry's goal ticks are the truth: a #tag ticks its goal when a save writes the tag in,
and unticking wins (perf/signals.py, GoalLinks.replace, the API's goal_ids)."""

import pytest
from django.urls import reverse

from conftest import api_client, make_entry, make_goal, make_user
from journal.models import Entry

pytestmark = pytest.mark.django_db


def post_edit(client, entry, goals, **fields):
    data = {"date": entry.date.isoformat(), "type": entry.type, "text": entry.text, **fields}
    data["goals"] = [str(goal.pk) for goal in goals]
    return client.post(reverse("journal:entry-edit", args=[entry.pk]), data)


def patch(client, entry, data):
    return client.patch(f"/api/entries/{entry.pk}", data, content_type="application/json")


def linked(entry):
    return set(Entry.objects.get(pk=entry.pk).goals.all())


def test_a_new_entry_with_a_tag_is_ticked():
    user = make_user()
    billing = make_goal(user=user, title="Billing", slug="billing")

    entry = make_entry(user, text="Moved #Billing to Kafka")

    assert linked(entry) == {billing}


def test_quick_add_on_today_with_a_tag_ticks_its_goal(client_for):
    user = make_user()
    billing = make_goal(user=user, title="Billing", slug="billing")

    response = client_for(user).post(
        reverse("journal:entry-create"),
        {"date": "2026-03-03", "type": "fact", "text": "Paired on #billing"},
        headers={"HX-Request": "true"},
    )

    assert response.status_code == 200
    assert linked(Entry.objects.get()) == {billing}


def test_an_edit_that_unticks_a_goal_keeps_it_unticked_while_its_tag_stays(client_for):
    user = make_user()
    make_goal(user=user, title="Billing", slug="billing")
    entry = make_entry(user, text="Paired on #billing")
    client = client_for(user)

    unticked = post_edit(client, entry, [])
    later = post_edit(client, Entry.objects.get(pk=entry.pk), [], text="Paired on #billing, twice")

    assert (unticked.status_code, later.status_code) == (302, 302)
    assert linked(entry) == set()


def test_an_edit_that_adds_a_tag_ticks_its_goal_beside_the_ticked_ones(client_for):
    user = make_user()
    billing = make_goal(user=user, title="Billing", slug="billing")
    search = make_goal(user=user, title="Search", slug="search")
    entry = make_entry(user, text="Wrote the runbook")
    entry.goals.add(search)

    response = post_edit(client_for(user), entry, [search], text="Wrote the runbook #billing")

    assert response.status_code == 302
    assert linked(entry) == {billing, search}


def test_unticking_wins_over_a_tag_the_same_edit_adds(client_for):
    user = make_user()
    billing = make_goal(user=user, title="Billing", slug="billing")
    entry = make_entry(user, text="Wrote the runbook")
    entry.goals.add(billing)

    response = post_edit(client_for(user), entry, [], text="Wrote the runbook #billing")

    assert response.status_code == 302
    assert linked(entry) == set()


def test_a_tag_of_an_archived_goal_links_no_new_entry(client_for):
    from perf.services.goals import set_archived

    user = make_user()
    old = make_goal(user=user, title="Old project", slug="old")
    set_archived(old, True)

    entry = make_entry(user, text="A note on #old")

    assert linked(entry) == set()


def test_an_api_patch_with_empty_goal_ids_links_nothing_whatever_the_text_says():
    user = make_user()
    make_goal(user=user, title="Billing", slug="billing")
    make_goal(user=user, title="Search", slug="search")
    entry = make_entry(user, text="Paired on #billing")
    client = api_client(user)

    kept_tag = patch(client, entry, {"goal_ids": []})
    new_tag = patch(client, entry, {"goal_ids": [], "text": "Paired on #billing and #search"})

    assert kept_tag.json()["goal_ids"] == []
    assert new_tag.json()["goal_ids"] == []
    assert linked(entry) == set()


def test_an_api_patch_without_goal_ids_ticks_the_goal_of_a_tag_it_adds():
    user = make_user()
    billing = make_goal(user=user, title="Billing", slug="billing")
    search = make_goal(user=user, title="Search", slug="search")
    entry = make_entry(user, text="Paired on #billing")
    entry.goals.remove(billing)  # unticked before

    response = patch(api_client(user), entry, {"text": "Paired on #billing and #search"})

    assert response.json()["goal_ids"] == [str(search.pk)]
