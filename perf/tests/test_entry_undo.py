"""Undo of a delete (journal/undo.py) puts back what perf hangs on the entry
(perf/entry_undo.py): goal links, its place among a point's citations, review contexts,
and the week summary's freshness; what went meanwhile is skipped, not a crash."""

import datetime

import pytest

from conftest import make_entry, make_goal, make_point, make_review, make_summary, make_user
from journal.models import Entry
from journal.undo import delete_entry, restore_entry
from perf.models import Citation, WeekSummary
from perf.services.weeks import fingerprint

pytestmark = pytest.mark.django_db
D = datetime.date


def week_rows(user, monday):
    return (
        Entry.objects.filter(user=user)
        .between(monday, monday + datetime.timedelta(days=6))
        .values_list("pk", "date", "type", "text")
    )


def test_undo_puts_the_entry_back_in_its_citations_and_contexts():
    user = make_user()
    first, cited, last = (make_entry(user, text=f"Fact {n}") for n in range(3))
    summary = make_summary(user, status="done")
    review = make_review(summary, context_entries=[cited, last])
    point = make_point(review, first, cited, last)
    token = delete_entry(Entry.objects.get(pk=cited.pk))
    assert point.cited_deleted == 1

    restore_entry(user, token)

    assert point.cited_entry_ids() == [str(first.pk), str(cited.pk), str(last.pk)]
    assert point.cited_deleted == 0
    assert set(review.context_entries.all()) == {cited, last}


def test_undo_skips_a_goal_and_a_point_deleted_meanwhile():
    user = make_user()
    kept, gone = make_goal(user, title="Kept"), make_goal(user, title="Gone")
    entry = make_entry(user, text="Linked to both")
    entry.goals.set([kept, gone])
    review = make_review(make_summary(user, status="done"))
    point = make_point(review, entry)
    token = delete_entry(Entry.objects.get(pk=entry.pk))
    gone.delete()
    point.delete()

    restored = restore_entry(user, token)

    assert list(restored.goals.all()) == [kept]
    assert not Citation.objects.exists()


def test_a_week_is_fresh_again_when_its_entries_are_back_as_written():
    user = make_user()
    monday = D(2026, 3, 2)
    entry = make_entry(user, date=D(2026, 3, 4))
    make_entry(user, date=D(2026, 3, 5), text="Another fact")
    week = WeekSummary.objects.create(
        user=user, week_start=monday, role="engineer", language="en", status="done",
        fingerprint=fingerprint(week_rows(user, monday)),
    )  # fmt: skip
    token = delete_entry(Entry.objects.get(pk=entry.pk))
    week.refresh_from_db()
    assert week.stale

    restore_entry(user, token)

    week.refresh_from_db()
    assert not week.stale


def test_a_week_that_changed_otherwise_stays_stale():
    user = make_user()
    monday = D(2026, 3, 2)
    entry = make_entry(user, date=D(2026, 3, 4))
    week = WeekSummary.objects.create(
        user=user, week_start=monday, role="engineer", language="en", status="done",
        fingerprint=fingerprint(week_rows(user, monday)),
    )  # fmt: skip
    token = delete_entry(Entry.objects.get(pk=entry.pk))
    make_entry(user, date=D(2026, 3, 6), text="Written after the delete")

    restore_entry(user, token)

    week.refresh_from_db()
    assert week.stale
