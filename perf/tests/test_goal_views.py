import pytest
from django.urls import reverse

from conftest import make_entry, make_goal, make_user
from perf.models import Goal

pytestmark = pytest.mark.django_db
GOALS = reverse("perf:goal-list")


def test_it_adds_a_goal_with_a_tag_from_its_title(client_for):
    user = make_user()

    response = client_for(user).post(
        GOALS, {"title": "Надёжный биллинг", "slug": "", "status": "active"}
    )

    goal = Goal.objects.get()
    assert response["Location"] == reverse("perf:goal-detail", args=[goal.pk])
    assert (goal.user, goal.slug) == (user, "надёжный-биллинг")


def test_a_tag_taken_by_another_goal_of_yours_is_refused(client_for):
    user = make_user()
    make_goal(user=user, title="Billing", slug="billing")
    make_goal(user=make_user(), title="Someone else's", slug="search")
    client = client_for(user)

    taken = client.post(GOALS, {"title": "Billing 2", "slug": "#Billing", "status": "active"})
    free = client.post(GOALS, {"title": "Search", "slug": "search", "status": "active"})

    assert taken.status_code == 422
    assert "Another of your goals already uses the tag #billing." in taken.text
    assert free.status_code == 302


def test_a_goal_page_shows_its_entries(client_for):
    user = make_user()
    goal = make_goal(user=user, title="Billing", slug="billing")
    make_entry(user, text="Moved billing to Kafka #billing")
    make_entry(user, text="Unrelated work")

    response = client_for(user).get(reverse("perf:goal-detail", args=[goal.pk]))

    assert "Moved billing to Kafka" in response.text
    assert "Unrelated work" not in response.text


def test_editing_archives_a_goal(client_for):
    user = make_user()
    goal = make_goal(user=user, title="Billing", slug="billing")

    response = client_for(user).post(
        reverse("perf:goal-edit", args=[goal.pk]),
        {"title": "Billing", "slug": "billing", "description": "", "status": "done"},
    )

    assert response.status_code == 302
    goal.refresh_from_db()
    assert goal.status == "done"


@pytest.mark.parametrize("name", ["goal-detail", "goal-edit"])
def test_a_strangers_goal_is_404(client_for, name):
    goal = make_goal(user=make_user(), title="Secret goal", slug="secret")

    response = client_for(make_user()).get(reverse(f"perf:{name}", args=[goal.pk]))

    assert response.status_code == 404
