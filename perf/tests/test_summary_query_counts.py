"""The summary page and the API's summary list cost the same queries for twice the goals,
points or summaries."""

import datetime

import pytest
from django.urls import reverse

from conftest import api_client, make_entry, make_point, make_review, make_summary, make_user

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
