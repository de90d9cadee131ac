"""Rows written many at a time (perf.bulk: a COPY on PostgreSQL, multi-row INSERTs on
SQLite) read back exactly as they were given: texts with the characters a COPY has to
escape, JSON, empty references, timestamps, and every row of a batch larger than one."""

import datetime
import uuid

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from conftest import make_entry, make_summary
from journal.models import Entry
from perf import bulk
from perf.models import Citation, GoalReview, ReviewPoint

pytestmark = pytest.mark.django_db

AWKWARD = "Tab\there, a line\nbreak, a back\\slash, \\N and \\. alone, 'quotes' \"too\", шлюз ✓"


def test_entries_inserted_as_they_are_read_back_exactly(user, monkeypatch):
    monkeypatch.setattr(bulk, "BATCH", 2)  # SQLite: three statements for five rows
    long_ago = timezone.now() - datetime.timedelta(days=400)
    entries = [
        Entry(
            user=user,
            date=datetime.date(2026, 3, 2 + n),
            type="fact",
            text=f"{AWKWARD} {n}",
            search_text=f"{AWKWARD} {n}".casefold(),
            created_at=long_ago,
            updated_at=long_ago + datetime.timedelta(hours=n),
        )
        for n in range(5)
    ]

    bulk.insert_instances(entries)

    stored = {e.pk: e for e in Entry.objects.filter(user=user)}
    assert set(stored) == {e.pk for e in entries}
    for entry in entries:
        again = stored[entry.pk]
        assert (again.text, again.date, again.fulfils_plan_id) == (entry.text, entry.date, None)
        assert (again.created_at, again.updated_at) == (entry.created_at, entry.updated_at)
        assert not entry._state.adding  # saved: a later save() updates it
    assert Entry.objects.filter(user=user).search("шлюз").count() == 5


def test_points_and_their_citations_read_back_exactly(user):
    first, second = make_entry(user, text="One"), make_entry(user, text="Two")
    review = GoalReview.objects.create(summary=make_summary(user), title="Billing")
    points = [
        ReviewPoint(review=review, section="output", text=AWKWARD, position=0,
                    unsupported=["40 %", 'a "quoted" \\ word', "\t"], cited_count=2),
        ReviewPoint(review=review, section="outcome", text="Plain", position=1),
    ]  # fmt: skip

    bulk.insert_instances(points)
    bulk.insert_rows(
        Citation,
        ("point", "entry", "position"),
        [(points[0].pk, first.pk, 0), (points[0].pk, str(second.pk), 1)],
    )

    stored = {p.pk: p for p in ReviewPoint.objects.filter(review=review)}
    assert stored[points[0].pk].text == AWKWARD
    assert stored[points[0].pk].unsupported == ["40 %", 'a "quoted" \\ word', "\t"]
    assert (stored[points[1].pk].unsupported, stored[points[1].pk].locked) == ([], False)
    assert stored[points[0].pk].cited_entries() == [first, second]
    # The id column took its database default: each row has its own.
    assert len(set(Citation.objects.values_list("id", flat=True))) == 2


def test_rows_go_in_as_one_statement_listed_as_the_orms_are(user, django_assert_num_queries):
    review = GoalReview.objects.create(summary=make_summary(user), title="Billing")
    points = [ReviewPoint(review=review, section="output", text=f"P{n}") for n in range(3)]

    with django_assert_num_queries(1) as captured:  # a COPY on PostgreSQL, an INSERT on SQLite
        bulk.insert_instances(points)

    assert "perf_reviewpoint" in captured.captured_queries[0]["sql"]
    assert ReviewPoint.objects.filter(review=review).count() == 3


def test_nothing_to_insert_writes_nothing(django_assert_num_queries):
    with django_assert_num_queries(0):
        bulk.insert_rows(Citation, ("point", "entry", "position"), [])
        assert bulk.insert_instances([]) == []


def test_a_citation_of_an_entry_that_is_not_there_is_refused_and_nothing_of_it_stays(user):
    review = GoalReview.objects.create(summary=make_summary(user), title="Billing")
    point = bulk.insert_instances([ReviewPoint(review=review, section="output", text="X")])[0]

    with pytest.raises(IntegrityError), transaction.atomic():
        bulk.insert_rows(Citation, ("point", "entry", "position"), [(point.pk, uuid.uuid4(), 0)])
        connection.check_constraints()  # as a commit would: the keys are deferred

    assert not Citation.objects.exists()
