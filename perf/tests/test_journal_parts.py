"""What perf adds to journal's entries and pages through journal/extensions.py
(perf/journal_parts.py): goal chips on rows, the goal picker, the week card, Polish in the
edit form, the export in Settings, and the goals of an entry in the API."""

import datetime

import pytest
from django.urls import reverse

from conftest import api_client, make_entry, make_goal, make_user

pytestmark = pytest.mark.django_db
D = datetime.date
HTMX = {"HX-Request": "true"}


def test_journal_pages_show_perfs_parts(client_for):
    user = make_user()
    goal = make_goal(user, title="Reliable billing", slug="billing")
    entry = make_entry(user, date=D(2026, 3, 4), text="Moved billing to Kafka #billing")
    client = client_for(user)

    pages = {
        "Today": client.get(reverse("journal:today"), {"date": "2026-03-04"}),
        "Feed": client.get(reverse("journal:feed")),
        "edit": client.get(reverse("journal:entry-edit", args=[entry.pk])),
        "settings": client.get(reverse("journal:profile")),
    }

    assert {name: page.status_code for name, page in pages.items()} == dict.fromkeys(pages, 200)
    for name in ("Today", "Feed"):
        assert f'href="{goal.get_absolute_url()}">Reliable billing</a>' in pages[name].text
        assert 'id="week-2026-W10"' in pages[name].text
    assert "goal-picker" in pages["edit"].text
    assert reverse("perf:polish-entry", args=[entry.pk]) in pages["edit"].text
    assert reverse("perf:journal-export", args=["json"]) in pages["settings"].text


def test_a_chip_links_to_its_goals_page():
    user = make_user()
    goal = make_goal(user, title="Reliable billing", slug="billing")

    assert goal.get_absolute_url() == reverse("perf:goal-detail", args=[goal.pk])


def test_the_api_lists_an_entrys_goals_active_first_then_by_title_as_it_always_did():
    user = make_user()
    zeta = make_goal(user, title="Zeta", slug="zeta")
    alpha = make_goal(user, title="Alpha", slug="alpha", status="done")
    entry = make_entry(user, text="Both #zeta #alpha")

    listed = api_client(user).get(f"/api/entries/{entry.pk}").json()

    assert listed["goal_ids"] == [str(zeta.pk), str(alpha.pk)]


def test_the_rows_chips_list_goals_by_title(client_for):
    user = make_user()
    make_goal(user, title="Zeta", slug="zeta")
    make_goal(user, title="Alpha", slug="alpha", status="done")
    entry = make_entry(user, text="Both #zeta #alpha")

    row = client_for(user).get(reverse("journal:entry-row", args=[entry.pk]), headers=HTMX)

    assert row.text.index(">Alpha</a>") < row.text.index(">Zeta</a>")


def test_an_accepted_polish_comes_back_as_a_row_with_its_goal_chips(client_for):
    user = make_user(language="en")
    billing = make_goal(user, title="Reliable billing", slug="billing")
    ci = make_goal(user, title="Fast CI", slug="ci")
    entry = make_entry(user, text="cut CI time from 20 to 8 minutes #billing")

    row = client_for(user).post(
        reverse("perf:polish-entry", args=[entry.pk]),
        {"accept": "1", "text": "Cut CI time from 20 to 8 minutes #billing #ci"},
        headers=HTMX,
    )

    assert row.status_code == 200
    for goal in (billing, ci):
        assert f'href="{goal.get_absolute_url()}">{goal.title}</a>' in row.text


def test_a_goal_title_with_markup_shows_as_text_on_its_chip(client_for):
    user = make_user()
    goal = make_goal(user, title='<img src=x onerror="alert(1)"> & co', slug="markup")
    entry = make_entry(user, text="Shipped it #markup")

    row = client_for(user).get(reverse("journal:entry-row", args=[entry.pk]), headers=HTMX)

    assert "<img" not in row.text
    assert (
        f'<a class="chip" href="{goal.get_absolute_url()}">'
        "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; co</a>"
    ) in row.text
