"""Linking entries to goals by hand on the entry's form, beside #tags in the text."""

import pytest
from django.urls import reverse

from conftest import make_entry, make_goal, make_user
from perf.models import GoalStatus

pytestmark = pytest.mark.django_db


def edit_url(entry):
    return reverse("journal:entry-edit", args=[entry.pk])


def post_edit(client, entry, goals, **fields):
    data = {"date": entry.date.isoformat(), "type": entry.type, "text": entry.text, **fields}
    return client.post(edit_url(entry), {**data, "goals": [str(goal.pk) for goal in goals]})


def test_the_edit_form_offers_your_goals_that_are_not_dropped(client_for):
    user = make_user()
    billing = make_goal(user=user, title="Reliable billing", slug="billing")
    make_goal(user=user, title="Old idea", slug="old", status=GoalStatus.DROPPED)
    make_goal(user=make_user(), title="Someone else's goal", slug="theirs")
    entry = make_entry(user, text="Wrote the runbook")

    response = client_for(user).get(edit_url(entry))

    offered = response.context["form"].fields["goals"].choices
    assert offered == [(str(billing.pk), "Reliable billing")]
    assert "Reliable billing" in response.text
    assert "Old idea" not in response.text and "Someone else" not in response.text


def test_without_goals_the_form_has_no_picker(client_for):
    user = make_user()
    entry = make_entry(user)

    response = client_for(user).get(edit_url(entry))

    assert "goals" not in response.context["form"].fields


def test_picking_goals_links_the_entry_and_shows_them_on_its_row(client_for):
    user = make_user()
    billing = make_goal(user=user, title="Reliable billing", slug="billing")
    search = make_goal(user=user, title="Search v2", slug="search")
    entry = make_entry(user, text="Wrote the runbook")
    client = client_for(user)

    response = post_edit(client, entry, [billing, search])

    assert response.status_code == 302
    assert set(entry.goals.all()) == {billing, search}
    feed = client.get(reverse("journal:feed"))
    assert f'href="{billing.get_absolute_url()}">Reliable billing</a>' in feed.text
    assert f'href="{search.get_absolute_url()}">Search v2</a>' in feed.text


def test_unpicking_a_goal_unlinks_it_even_while_its_tag_stays_in_the_text(client_for):
    user = make_user()
    make_goal(user=user, title="Reliable billing", slug="billing")
    search = make_goal(user=user, title="Search v2", slug="search")
    entry = make_entry(user, text="Paired on #billing")
    entry.goals.add(search)

    response = post_edit(client_for(user), entry, [])

    assert response.status_code == 302
    assert not entry.goals.exists()  # perf/tests/test_goal_ticks.py has the other cases


def test_a_done_goal_stays_offered_and_a_dropped_one_stays_while_linked(client_for):
    user = make_user()
    done = make_goal(user=user, title="Shipped", slug="shipped", status="done")
    dropped = make_goal(user=user, title="Dropped", slug="dropped", status="dropped")
    entry = make_entry(user, text="Old work")
    entry.goals.add(dropped)

    response = client_for(user).get(edit_url(entry))

    form = response.context["form"]
    assert set(form.fields["goals"].choices) == {
        (str(done.pk), "Shipped"),
        (str(dropped.pk), "Dropped"),
    }
    assert form["goals"].initial == [str(dropped.pk)]


def test_another_users_goal_is_refused_and_nothing_changes(client_for):
    user = make_user()
    make_goal(user=user, title="Mine", slug="mine")
    theirs = make_goal(user=make_user(), title="Theirs", slug="theirs")
    entry = make_entry(user, text="Wrote the runbook")

    response = post_edit(client_for(user), entry, [theirs], text="Changed text")

    assert response.status_code == 422
    assert "Pick goals from the list: one of them is not yours." in response.text
    entry.refresh_from_db()
    assert entry.text == "Wrote the runbook"
    assert not entry.goals.exists()


def test_an_htmx_edit_answers_with_the_row_and_its_goals(client_for):
    user = make_user()
    billing = make_goal(user=user, title="Reliable billing", slug="billing")
    entry = make_entry(user, text="Wrote the runbook")

    data = {"date": entry.date.isoformat(), "type": "fact", "text": entry.text}

    response = client_for(user).post(
        edit_url(entry), {**data, "goals": [billing.pk]}, headers={"HX-Request": "true"}
    )

    assert response.status_code == 200
    assert f'id="entry-{entry.pk}"' in response.text
    assert ">Reliable billing</a>" in response.text
