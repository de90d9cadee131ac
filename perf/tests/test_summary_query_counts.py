"""The summary page and the API's summary list cost the same queries for twice the goals,
points or summaries."""

import datetime

import pytest
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
from perf.services.summaries import build_request

pytestmark = pytest.mark.django_db
D = datetime.date


def summary_of_size(user, goals, points):
    """A written summary of `goals` sections with `points` points each, every point citing
    two entries, and each context one."""
    entries = [make_entry(user, date=D(2026, 3, 1 + n % 28)) for n in range(goals * points + 1)]
    summary = make_summary(
        user, status="done", summary_text="A month.", sent_entry_ids=[str(e.pk) for e in entries]
    )
    for g in range(goals):
        review = make_review(
            summary, title=f"Goal {g}", context="Why", position=g, context_entries=[entries[g]]
        )
        for p in range(points):
            cited = entries[g * points + p : g * points + p + 2]
            make_point(review, *cited, text=f"Point {p}", position=p)
    return summary


@pytest.mark.parametrize("goals", [3, 6])
def test_the_summary_page_costs_the_same_queries_for_twice_the_points(
    client_for, django_assert_max_num_queries, goals
):
    user = make_user()
    summary = summary_of_size(user, goals, points=goals * 2)
    client = client_for(user)

    # Session, user and profile 3, the stuck-run sweep 1, the summary 1; its reviews,
    # points, citations with their entries, contexts' entries 4; coverage: the period's
    # entries, their goals, the active goals, the cited ids 4, and the unused facts 1 when
    # there are some. 14 at most, whatever the size.
    with django_assert_max_num_queries(14):
        response = client.get(reverse("perf:summary-detail", args=[summary.pk]))
    assert response.status_code == 200


@pytest.mark.parametrize("summaries", [2, 4])
def test_the_api_list_costs_the_same_queries_for_twice_the_summaries(
    django_assert_max_num_queries, summaries
):
    user = make_user()
    for _ in range(summaries):
        summary_of_size(user, 3, 4)
    client = api_client(user)

    # The token and its last use 2, the summaries 1; their reviews, points, citations with
    # their entries, contexts' entries 4: 7 however many summaries.
    with django_assert_max_num_queries(7):
        response = client.get("/api/perf/summaries")
    assert response.status_code == 200 and len(response.json()) == summaries


def period_of_size(user, entries):
    """`entries` facts of March, a third linked to one of three goals and a sixth to two."""
    goals = [make_goal(user, title=f"Goal {n}") for n in range(3)]
    made = [make_entry(user, date=D(2026, 3, 1 + n % 28), text=f"Fact {n}") for n in range(entries)]
    for n, entry in enumerate(made):
        if n % 3 == 0:
            entry.goals.add(goals[n % 3 - 1], *([goals[1]] if n % 6 == 0 else []))
    return make_summary(user)


@pytest.mark.parametrize("entries", [30, 60])
def test_gathering_a_period_costs_the_same_queries_for_twice_the_entries_and_links(
    django_assert_max_num_queries, entries
):
    user = make_user()
    summary = period_of_size(user, entries)

    # The summary's reviews 1 (none yet, so no points to read), the goals 1, the entries 1
    # and their goal links 1 (pairs from the through table, no query per entry): 4. The
    # profile's guidance is read already (the summary's user's, cached).
    with django_assert_max_num_queries(4):
        request, _, _ = build_request(summary)
    assert len(request.entries) == entries


def test_an_entry_sent_cites_its_goals_in_the_goals_order():
    user = make_user()
    later, earlier = make_goal(user, title="Zebra crossing"), make_goal(user, title="Alpha test")
    dropped = make_goal(user, title="Abandoned", status="dropped")
    entry = make_entry(user, date=D(2026, 3, 2))
    entry.goals.add(later, dropped, earlier)
    make_entry(user, date=D(2026, 3, 3), text="Linked to nothing")

    request, _, _ = build_request(make_summary(user))

    refs = {goal.title: goal.ref for goal in request.goals}
    assert [e.goal_refs for e in request.entries] == [
        [refs["Alpha test"], refs["Zebra crossing"]],  # a dropped goal is not sent
        [],
    ]
