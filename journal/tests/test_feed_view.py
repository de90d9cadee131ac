import datetime
import html
import re

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

    assert response.context["page"].object_list == []
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


def link(response, rel: str) -> str:
    """The href of the page's Newer (rel=prev) or Older (rel=next) link."""
    found = re.search(rf'href="(\?[^"]*)" rel="{rel}"', response.text)
    return html.unescape(found.group(1)) if found else ""


def test_older_and_newer_pages_keep_the_filters(client_for):
    user = make_user()
    entries = make_entries(user, 50, plan_every=1000)
    client = client_for(user)

    first = client.get(FEED_URL, {"q": "запись"})
    second = client.get(FEED_URL + link(first, "next"))
    third = client.get(FEED_URL + link(second, "next"))
    back = client.get(FEED_URL + link(third, "prev"))

    newest_first = entries[::-1]
    assert first.context["page"].object_list == newest_first[:20]
    assert second.context["page"].object_list == newest_first[20:40]
    assert third.context["page"].object_list == newest_first[40:]
    assert back.context["page"].object_list == newest_first[20:40]
    assert link(first, "prev") == "" and link(third, "next") == ""
    query = "q=%D0%B7%D0%B0%D0%BF%D0%B8%D1%81%D1%8C&"
    assert all(query in link(r, "next") for r in (first, second))
    assert "50 entries" in first.text and "50 entries" in third.text


def test_a_page_says_which_days_it_holds(client_for):
    user = make_user()
    make_entries(user, 30)  # one a day from 1 January

    response = client_for(user).get(FEED_URL)

    assert "11 Jan 2026 to 30 Jan 2026" in response.text
    assert "result-count" not in response.text  # Feed itself counts no journal
    assert response.context["total"] is None


def test_newer_never_shows_again_what_the_page_before_showed(client_for):
    user = make_user()
    entries = make_entries(user, 40)  # one a day from 1 January
    client = client_for(user)
    jumped = client.get(FEED_URL, {"day": "2026-02-03"})  # 34 February 3 .. 15 January

    newer = client.get(FEED_URL + link(jumped, "prev"))

    assert jumped.context["page"].object_list == entries[::-1][6:26]
    assert newer.context["page"].object_list == entries[::-1][:6]  # the newest six only
    assert newer.context["page"].is_first and link(newer, "prev") == ""
    assert (
        client.get(FEED_URL + link(newer, "next")).context["page"].object_list
        == (entries[::-1][6:26])
    )


def test_newer_with_nothing_newer_left_is_the_first_page(client_for):
    user = make_user()
    entries = make_entries(user, 25)
    client = client_for(user)
    second = client.get(FEED_URL + link(client.get(FEED_URL), "next"))
    Entry.objects.filter(pk__in=[e.pk for e in entries[5:]]).delete()  # all newer gone

    newer = client.get(FEED_URL + link(second, "prev"))

    assert newer.context["page"].object_list == entries[::-1][20:]
    assert newer.context["page"].is_first


def test_go_to_day_starts_the_page_at_that_day(client_for):
    user = make_user()
    entries = make_entries(user, 60)
    client = client_for(user)

    response = client.get(FEED_URL, {"day": "2026-02-10"})  # entry 40 is of 10 February
    before_all = client.get(FEED_URL, {"day": "2020-01-01"})

    page = response.context["page"]
    assert page.object_list == entries[::-1][19:39]
    assert link(response, "prev") and link(response, "next")
    assert before_all.context["page"].object_list == entries[::-1][40:]
    assert 'name="day"' in response.text


@pytest.mark.parametrize("position", ["before", "after"])
def test_a_broken_page_link_is_a_clear_error(client_for, position):
    user = make_user()
    make_entries(user, 3)

    response = client_for(user).get(FEED_URL, {position: "not-a-cursor"})

    assert response.status_code == 400
    assert "This link to a page of the Feed is broken; start from the newest." in response.text


def test_a_filtered_count_stops_at_its_limit(client_for, monkeypatch):
    user = make_user()
    make_entries(user, 12)
    monkeypatch.setattr("journal.views.feed.COUNT_LIMIT", 10)

    response = client_for(user).get(FEED_URL, {"q": "запись"})

    assert "More than 10 entries" in response.text


def test_plans_done_are_marked(client_for):
    user = make_user()
    plan = make_entry(user, type="plan", text="Plan that got done")
    make_entry(user, type="fact", text="Done it", fulfils_plan=plan)

    response = client_for(user).get(FEED_URL, {"type": "plan"})

    row = response.text[response.text.index(f'id="entry-{plan.pk}"') :]
    assert "badge--done" in row[: row.index("</li>")]
    assert Entry.objects.count() == 2


def test_go_to_day_keeps_the_filters_and_drops_the_position(client_for):
    user = make_user()
    make_entries(user, 60, plan_every=1000)
    client = client_for(user)
    first = client.get(FEED_URL, {"q": "запись", "type": "fact"})

    second = client.get(FEED_URL + link(first, "next"))

    jump = second.text.split('class="pagination__jump"')[1].split("</form>")[0]
    assert '<input type="hidden" name="q" value="запись">' in jump
    assert '<input type="hidden" name="type" value="fact">' in jump
    assert 'name="before"' not in jump
    newest = re.search(r'href="(\?[^"]*)">Newest</a>', jump).group(1)
    assert html.unescape(newest) == "?q=%D0%B7%D0%B0%D0%BF%D0%B8%D1%81%D1%8C&type=fact"


def test_a_deeper_page_says_where_it_stands_at_its_top_too(client_for):
    user = make_user()
    make_entries(user, 30)
    client = client_for(user)
    first = client.get(FEED_URL)

    second = client.get(FEED_URL + link(first, "next"))

    assert 'class="hint feed-position"' not in first.text
    top = second.text.split('class="hint feed-position">')[1].split("</p>")[0]
    assert top == "1 Jan 2026 to 10 Jan 2026"


def test_an_overlong_cursor_is_the_same_clear_error(client_for):
    response = client_for(make_user()).get(FEED_URL, {"before": "A" * 300})

    assert response.status_code == 400
    assert "This link to a page of the Feed is broken; start from the newest." in response.text
