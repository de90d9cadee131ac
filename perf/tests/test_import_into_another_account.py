"""Importing one user's export into another account: it gets its own records, no id
shared with the first, with links, citations, locks, removals and contexts intact, and
citations of entries neither in the file nor the importer's own are dropped."""

import json

import pytest

from conftest import make_entry, make_user
from journal.models import Entry, EntryType
from perf.models import Citation, PerfSummary, ReviewPoint
from perf.services.pieces import find_piece

from .journal_io import counts, export, import_file

pytestmark = pytest.mark.django_db


def test_importing_into_a_second_account_gives_it_its_own_records_with_citations_intact(
    user_with_full_journal, tmp_path
):
    backup = tmp_path / "backup.json"
    backup.write_text(export(user_with_full_journal))
    bob = make_user("bob")

    import_file(bob, backup)
    again = import_file(bob, backup)

    assert counts(bob) == counts(user_with_full_journal)
    assert "nothing." in again
    assert not set(Entry.objects.filter(user=bob).values_list("pk", flat=True)) & set(
        Entry.objects.filter(user=user_with_full_journal).values_list("pk", flat=True)
    )
    bobs_entries = {str(pk) for pk in Entry.objects.filter(user=bob).values_list("pk", flat=True)}
    summary = PerfSummary.objects.get(user=bob)
    cited = {
        pk
        for review in summary.goal_reviews.all()
        for point in review.points.all()
        for pk in point.cited_entry_ids()
    }
    assert cited and cited <= bobs_entries
    assert set(summary.sent_entry_ids) <= bobs_entries
    assert all(r.goal is None or r.goal.user == bob for r in summary.goal_reviews.all())
    fact = Entry.objects.get(user=bob, text__startswith="Shipped")
    assert fact.fulfils_plan.user == bob
    assert set(
        Entry.objects.get(user=bob, text__startswith="Провёл").goals.values_list("user", flat=True)
    ) == {bob.pk}
    # Alice's own journal is untouched.
    assert Entry.objects.filter(user=user_with_full_journal).count() == 4


def points_of(user) -> list:
    """Each point of the user's summaries as the page knows it, its entries by their text."""
    rows = ReviewPoint.objects.filter(review__summary__user=user).order_by(
        "review__position", "section", "position"
    )
    return [
        (p.review.position, p.section, p.position, p.text, p.locked, p.removed, p.unsupported)
        + (p.cited_count, p.cited_deleted, [entry.text for entry in p.cited_entries()])
        for p in rows
    ]


def test_points_keep_their_locks_removals_and_citations_through_export_and_import(
    user_with_full_journal, tmp_path
):
    summary = PerfSummary.objects.get(user=user_with_full_journal)
    edited, removed, *_ = ReviewPoint.objects.filter(review__summary=summary)
    find_piece(summary, edited.key, edited.review_id).edit("Shipped trigram search, my words")
    find_piece(summary, removed.key, removed.review_id).set_removed(True)
    review = edited.review
    review.context_entries.set(
        Entry.objects.filter(user=user_with_full_journal, type=EntryType.FACT)[:2]
    )
    Entry.objects.get(
        user=user_with_full_journal, text__startswith="Interviewed"
    ).delete()  # cited, now gone
    contexts = [sorted(e.text for e in r.context_entries.all()) for r in summary.goal_reviews.all()]
    edited.refresh_from_db()
    removed.refresh_from_db()
    assert (edited.locked, removed.removed) == (True, True)
    assert any(p.cited_deleted for p in ReviewPoint.objects.filter(review__summary=summary))
    before = points_of(user_with_full_journal)
    backup = tmp_path / "backup.json"
    backup.write_text(export(user_with_full_journal))
    bob = make_user("bob")

    import_file(bob, backup)

    assert points_of(bob) == before
    bobs = PerfSummary.objects.get(user=bob)
    assert [
        sorted(e.text for e in r.context_entries.all()) for r in bobs.goal_reviews.all()
    ] == contexts
    assert all(e.user == bob for r in bobs.goal_reviews.all() for e in r.context_entries.all())
    ids = set(ReviewPoint.objects.filter(review__summary=bobs).values_list("pk", flat=True))
    assert not ids & set(
        ReviewPoint.objects.filter(review__summary=summary).values_list("pk", flat=True)
    )


def test_citations_of_entries_not_in_the_file_nor_yours_are_dropped(
    user_with_full_journal, tmp_path
):
    data = json.loads(export(user_with_full_journal))
    stranger = make_entry(make_user("mallory"), text="Mallory's secret")
    review = data["summaries"][0]["goal_reviews"][0]
    section = "output" if review["outputs"] else "outcome"
    bullet = review[f"{section}s"][0]
    bullet["entry_ids"].append(str(stranger.pk))
    data["summaries"][0]["sent_entry_ids"].append(str(stranger.pk))
    path = tmp_path / "backup.json"
    path.write_text(json.dumps(data))
    bob = make_user("bob")

    import_file(bob, path)

    summary = PerfSummary.objects.get(user=bob)
    cited = {
        str(pk)
        for pk in Citation.objects.filter(point__review__summary=summary).values_list(
            "entry", flat=True
        )
    }
    assert cited and str(stranger.pk) not in cited | set(summary.sent_entry_ids)
    # The point says it cited one entry that is not there, as if it were deleted.
    point = ReviewPoint.objects.get(
        review__summary=summary, review__position=review["position"], section=section, position=0
    )
    assert (len(point.cited_entry_ids()), point.cited_deleted) == (len(bullet["entry_ids"]) - 1, 1)
