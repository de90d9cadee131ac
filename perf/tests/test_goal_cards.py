"""The goals page as cards; archiving a goal and deleting one through its confirmation."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from conftest import (
    api_client,
    make_entry,
    make_goal,
    make_point,
    make_review,
    make_summary,
    make_user,
)
from journal.models import Entry, EntryType
from perf.models import Goal, GoalReview
from perf.services.goals import set_archived

pytestmark = pytest.mark.django_db
GOALS = reverse("perf:goal-list")
D = datetime.date
# 02:00 UTC on 1 December is still 30 November in New York.
EARLY_DECEMBER = datetime.datetime(2026, 12, 1, 2, tzinfo=datetime.UTC)


def url(name, goal):
    return reverse(f"perf:goal-{name}", args=[goal.pk])


@time_machine.travel(EARLY_DECEMBER, tick=False)
@pytest.mark.parametrize(("time_zone", "facts"), [("America/New_York", 2), ("UTC", 1)])
def test_a_card_counts_the_facts_of_the_last_90_days_of_the_users_today(
    client_for, time_zone, facts
):
    user = make_user(time_zone=time_zone)
    goal = make_goal(user=user, title="Billing", slug="billing")
    make_entry(user, text="Old work #billing", date=D(2026, 9, 1))  # 90 days before 30 Nov
    make_entry(user, text="Edge #billing", date=D(2026, 9, 2))  # 89 days before 30 Nov
    make_entry(user, text="Kafka #billing", date=D(2026, 11, 30))
    make_entry(user, text="Plan it #billing", date=D(2026, 11, 30), type=EntryType.PLAN)

    response = client_for(user).get(GOALS)

    [card] = response.context["goals"]
    assert card == goal and card.recent_facts == facts
    noun = "fact" if facts == 1 else "facts"
    assert f"{facts} {noun} in the last 90 days" in response.text


def test_a_card_shows_its_tag_and_last_entry_linking_to_its_day(client_for):
    user = make_user()
    goal = make_goal(user=user, title="Billing", slug="billing")
    make_entry(user, text="Early #billing", date=D(2026, 3, 2))
    make_entry(user, text="Moved billing events to Kafka #billing " + "x" * 200, date=D(2026, 3, 9))
    make_goal(user=user, title="Search", slug="search")
    make_goal(user=user, title="Apps", slug="apps", status="done")  # after the active ones

    response = client_for(user).get(GOALS)

    assert "<code>#billing</code>" in response.text
    assert f'href="{reverse("journal:today")}?date=2026-03-09"' in response.text
    assert "Moved billing events to Kafka" in response.text
    assert "x" * 100 not in response.text  # an excerpt, not the whole text
    assert "Early #billing" not in response.text
    assert response.context["goals"][0] == goal
    assert [card.title for card in response.context["goals"]] == ["Billing", "Search", "Apps"]
    search = response.context["goals"][1]
    assert search.last_entry is None and "No entries yet." in response.text


@pytest.mark.parametrize("goals", [5, 10])
def test_the_list_takes_the_same_queries_for_n_and_2n_goals(
    client_for, django_assert_max_num_queries, goals
):
    user = make_user()
    for n in range(goals):
        make_goal(user=user, title=f"Goal {n}", slug=f"g{n}")
        make_entry(user, text=f"Work #g{n}")
        make_entry(user, text=f"More work #g{n}", date=D(2026, 11, 25))
    client = client_for(user)

    # session, user, profile; the goals with their last entry's id, their recent facts'
    # counts, those last entries (perf.services.goals.goal_cards)
    with django_assert_max_num_queries(6):
        response = client.get(GOALS)

    assert response.text.count('class="goal-card"') == goals


def test_archived_goals_are_folded_away_and_can_come_back(client_for):
    user = make_user()
    billing = make_goal(user=user, title="Billing", slug="billing")
    old = make_goal(user=user, title="Old project", slug="old")
    client = client_for(user)

    archived = client.post(url("archive", old))
    page = client.get(GOALS)

    assert archived["Location"] == GOALS
    old.refresh_from_db()
    assert old.archived_at is not None and old.status == "active"
    assert page.context["goals"] == [billing] and page.context["archived"] == [old]
    assert "Archived: 1 goal</summary>" in page.text
    assert "The goal “Old project” is archived" in page.text

    client.post(url("unarchive", old))
    old.refresh_from_db()
    assert old.archived_at is None


def test_archive_takes_only_a_post_of_your_own_goal(client_for):
    user = make_user()
    goal = make_goal(user=user, title="Billing", slug="billing")
    theirs = make_goal(user=make_user(), title="Theirs", slug="theirs")
    client = client_for(user)

    assert client.get(url("archive", goal)).status_code == 405
    assert client.post(url("archive", theirs)).status_code == 404
    assert client.post(url("delete", theirs)).status_code == 404
    assert not Goal.objects.exclude(archived_at=None).exists()
    assert Goal.objects.count() == 2


def test_an_archived_goal_is_not_offered_for_new_links_but_stays_where_linked(client_for):
    user = make_user()
    old = make_goal(user=user, title="Old project", slug="old")
    make_goal(user=user, title="Billing", slug="billing")
    linked = make_entry(user, text="Work on #old")
    other = make_entry(user, text="Other work")
    set_archived(old, True)
    client = client_for(user)

    offered = client.get(reverse("journal:entry-edit", args=[other.pk])).context["form"]
    kept = client.get(reverse("journal:entry-edit", args=[linked.pk])).context["form"]

    assert [label for _, label in offered.fields["goals"].choices] == ["Billing"]
    assert str(old.pk) in dict(kept.fields["goals"].choices)
    assert kept["goals"].initial == [str(old.pk)]
    assert "Old project" in client.get(reverse("journal:feed")).text  # its chip on the row


def test_the_delete_page_says_what_happens_and_writes_nothing(client_for):
    user = make_user()
    goal = make_goal(user=user, title="Billing", slug="billing")
    first = make_entry(user, text="Kafka #billing", date=D(2026, 3, 3))
    make_entry(user, text="Paging #billing", date=D(2026, 3, 4))
    for month in (3, 4):
        summary = make_summary(user, start=D(2026, month, 1), end=D(2026, month, 28))
        make_point(make_review(summary, title="Reliable billing", goal=goal), first)
    make_summary(user, start=D(2026, 5, 1), end=D(2026, 5, 31))  # no section for it

    response = client_for(user).get(url("delete", goal))

    assert response.status_code == 200
    text = " ".join(response.text.split())
    assert "2 entries lose their link to this goal; the entries themselves stay." in text
    assert "2 summaries have a section for this goal." in text
    assert text.count('href="/perf/') >= 2 and "May 1, 2026" not in text
    assert Goal.objects.filter(pk=goal.pk).exists() and goal.entries.count() == 2


def test_deleting_a_goal_keeps_its_entries_and_the_summaries_sections(client_for):
    user = make_user()
    goal = make_goal(user=user, title="Billing", slug="billing")
    entry = make_entry(user, text="Kafka #billing", date=D(2026, 3, 3))
    summary = make_summary(user)
    point = make_point(make_review(summary, title="Reliable billing", goal=goal), entry)

    response = client_for(user).post(url("delete", goal))

    assert response["Location"] == GOALS
    assert not Goal.objects.exists()
    assert Entry.objects.get(pk=entry.pk).text == "Kafka #billing"
    review = GoalReview.objects.get()
    assert (review.goal, review.title) == (None, "Reliable billing")
    assert point.cited_entry_ids() == [str(entry.pk)]


def test_a_goal_with_nothing_linked_says_so_on_its_delete_page(client_for):
    user = make_user()
    goal = make_goal(user=user, title="Billing", slug="billing")

    response = client_for(user).get(url("delete", goal))

    assert "No entry is linked to this goal." in response.text
    assert "No summary has a section for this goal." in response.text


def test_an_archived_goal_stays_archived_through_a_backup_and_restore(tmp_path):
    from .journal_io import export, import_file

    user = make_user()
    set_archived(make_goal(user=user, title="Old project", slug="old"), True)
    backup = tmp_path / "backup.json"
    backup.write_text(export(user))
    user.delete()

    import_file(make_user(), backup)

    assert Goal.objects.get().archived_at is not None


def test_the_api_archives_a_goal_and_refuses_a_null():
    user = make_user()
    goal = make_goal(user=user, title="Billing", slug="billing", status="done")
    client = api_client(user)
    path = f"/api/goals/{goal.pk}"

    archived = client.patch(path, {"archived": True}, content_type="application/json")
    null = client.patch(path, {"archived": None}, content_type="application/json")

    assert archived.json()["archived"] is True and archived.json()["status"] == "done"
    assert null.status_code == 400 and null.json()["detail"][0]["loc"] == ["body", "archived"]
    goal.refresh_from_db()
    assert goal.archived_at is not None
    back = client.patch(path, {"archived": False}, content_type="application/json")
    assert back.json()["archived"] is False


def test_an_archived_goal_is_not_listed_among_the_goals_without_evidence():
    from perf.services.evidence import evidence

    user = make_user()
    quiet = make_goal(user=user, title="Quiet goal", slug="quiet")
    old = make_goal(user=user, title="Old project", slug="old")
    set_archived(old, True)

    found = evidence(user, D(2026, 3, 1), D(2026, 3, 31))

    assert found["goals_without_evidence"] == [quiet]


def test_the_cards_and_the_delete_page_render_in_russian(client_for):
    user = make_user(language="ru")
    goal = make_goal(user=user, title="Биллинг", slug="биллинг")
    make_entry(user, text="Перевёл биллинг на Kafka #биллинг")
    client = client_for(user)

    cards = client.get(GOALS)
    confirmation = client.get(url("delete", goal))

    assert cards.status_code == confirmation.status_code == 200
    assert "<h1>Цели</h1>" in cards.text and "#биллинг" in cards.text
    assert "Биллинг" in confirmation.text
