import datetime

import pytest
from django.urls import reverse

from conftest import make_entry, make_user
from journal.models import Entry

pytestmark = pytest.mark.django_db

FEED_URL = reverse("journal:feed")


def make_entries(user, count, *, start=datetime.date(2026, 1, 1), plan_every=3):
    """`count` entries, one a day, every third a plan done by the next day's fact."""
    entries = []
    for i in range(count):
        is_plan = i % plan_every == 0
        entries.append(
            make_entry(
                user,
                type="plan" if is_plan else "fact",
                text=f"Запись номер {i}",
                date=start + datetime.timedelta(days=i),
                fulfils_plan=entries[-1]
                if entries and entries[-1].is_plan and not is_plan
                else None,
            )
        )
    return entries


def test_it_lists_entries_newest_first_grouped_by_day(client_for):
    user = make_user()
    older = make_entry(user, text="Older", date=datetime.date(2026, 11, 1))
    newer = make_entry(user, text="Newer", date=datetime.date(2026, 11, 20))

    response = client_for(user).get(FEED_URL)

    assert list(response.context["page"].object_list) == [newer, older]
    assert response.text.index("Newer") < response.text.index("Older")
    assert response.text.count('class="feed-day"') == 2


def test_it_filters_by_period_and_type(client_for):
    user = make_user()
    wanted = make_entry(user, type="plan", date=datetime.date(2026, 3, 15))
    make_entry(user, type="fact", date=datetime.date(2026, 3, 16))
    make_entry(user, type="plan", date=datetime.date(2026, 5, 1))

    response = client_for(user).get(
        FEED_URL, {"start": "2026-03-01", "end": "2026-03-31", "type": "plan"}
    )

    assert list(response.context["page"].object_list) == [wanted]


@pytest.mark.parametrize("query", ["Миграция", "МИГРАЦИЯ", "миграция", "мИгРаЦиЯ базы"])
def test_search_folds_russian_case(client_for, query):
    user = make_user()
    wanted = make_entry(user, text="Провёл миграция базы без даунтайма")
    make_entry(user, text="Обновил дашборд")

    response = client_for(user).get(FEED_URL, {"q": query})

    assert list(response.context["page"].object_list) == [wanted]


def test_search_never_finds_another_users_entries(client_for):
    make_entry(make_user(), text="Чужая миграция")

    response = client_for(make_user()).get(FEED_URL, {"q": "миграция"})

    assert response.context["page"].paginator.count == 0
    assert "Чужая" not in response.text
    assert "Nothing matches these filters." in response.text


def test_an_empty_journal_says_where_to_start(client_for):
    response = client_for(make_user()).get(FEED_URL)

    assert "Your journal is empty." in response.text
    assert reverse("journal:today") in response.text


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"start": "2026-02-30"}, "Enter a real start date, such as 2026-01-30."),
        ({"end": "soon"}, "Enter a real end date, such as 2026-06-30."),
        (
            {"start": "2026-05-01", "end": "2026-04-01"},
            "The end of the period comes before its start.",
        ),
        ({"type": "idea"}, "Show plans, facts, or both."),
    ],
)
def test_bad_filters_are_a_clear_error(client_for, params, message):
    user = make_user()
    make_entry(user, text="Should not be listed under a broken filter")

    response = client_for(user).get(FEED_URL, params)

    assert response.status_code == 400
    assert message in response.text
    assert "Should not be listed" not in response.text


def test_pagination_keeps_the_filters(client_for):
    user = make_user()
    make_entries(user, 50, plan_every=1000)

    response = client_for(user).get(FEED_URL, {"q": "запись", "page": 2})

    page = response.context["page"]
    assert (page.number, page.paginator.num_pages, page.paginator.count) == (2, 3, 50)
    assert "?q=%D0%B7%D0%B0%D0%BF%D0%B8%D1%81%D1%8C&amp;page=3" in response.text
    assert "?q=%D0%B7%D0%B0%D0%BF%D0%B8%D1%81%D1%8C&amp;page=1" in response.text


def test_a_page_past_the_end_shows_the_last_page(client_for):
    user = make_user()
    make_entries(user, 5)

    response = client_for(user).get(FEED_URL, {"page": 99})

    assert response.status_code == 200
    assert response.context["page"].number == 1


@pytest.mark.parametrize("params", [{}, {"q": "запись", "type": "fact", "start": "2026-01-01"}])
def test_queries_do_not_grow_with_the_number_of_entries(
    client_for, django_assert_max_num_queries, params
):
    user = make_user()
    client = client_for(user)
    make_entries(user, 40)
    # session + user + profile (middleware), count + page (paginator), one lookup of the
    # facts that fulfil the page's plans (flag_done_plans), one of the page's goals
    # (attach_links) and one of its weeks' summaries, never a query per row.
    with django_assert_max_num_queries(8):
        small = client.get(FEED_URL, params)

    make_entries(user, 40, start=datetime.date(2026, 3, 1))
    with django_assert_max_num_queries(8):
        large = client.get(FEED_URL, params)

    assert small.status_code == large.status_code == 200
    assert large.context["page"].paginator.count > small.context["page"].paginator.count


def test_plans_done_are_marked(client_for):
    user = make_user()
    plan = make_entry(user, type="plan", text="Plan that got done")
    make_entry(user, type="fact", text="Done it", fulfils_plan=plan)

    response = client_for(user).get(FEED_URL, {"type": "plan"})

    row = response.text[response.text.index(f'id="entry-{plan.pk}"') :]
    assert "badge--done" in row[: row.index("</li>")]
    assert Entry.objects.count() == 2
