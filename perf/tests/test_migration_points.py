"""Migrations 0004 and 0005: each goal review's outputs and outcomes, JSON lists of bullets,
become ReviewPoint rows citing their entries through Citation rows, and back again."""

import datetime
import uuid

import pytest
from django.conf import settings
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from perf.models import Citation, ReviewPoint

BEFORE = ("perf", "0003_week_summaries")


def latest() -> list:
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def migrate(targets) -> object:
    """Migrate the test database to `targets`; the historical models there."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()  # what it applied is recorded now
    return executor.loader.project_state(targets).apps


def back_to_latest():
    """Leave the database as the other tests expect it, even after a failed migration."""
    try:
        migrate(latest())
    except Exception:
        # What made it fail goes (the test is failing anyway), so that the schema can move.
        apps = migrate(before_points())
        apps.get_model(settings.AUTH_USER_MODEL).objects.all().delete()
        migrate(latest())


def before_points() -> list:
    """Every app at its latest migration, perf at the one before points were rows."""
    return [node for node in latest() if node[0] != "perf"] + [BEFORE]


def bullet(text, entries, **fields) -> dict:
    return {
        "id": uuid.uuid4().hex,
        "text": text,
        "entry_ids": [str(pk) for pk in entries],
        "unsupported": [],
        "locked": False,
        **fields,
    }


def old_journal(apps):
    """A user's entries and a summary with two goal reviews whose points are JSON bullets,
    as perf 0003 kept them: one locked, one flagged, one citing an entry deleted since, one
    citing two entries in a given order, one whose id is not a UUID."""
    User = apps.get_model(settings.AUTH_USER_MODEL)
    Entry = apps.get_model("journal", "Entry")
    PerfSummary = apps.get_model("perf", "PerfSummary")
    GoalReview = apps.get_model("perf", "GoalReview")
    alice = User.objects.create(username="alice")
    stranger = User.objects.create(username="mallory")
    day = datetime.date(2026, 3, 3)

    def entry(user, text):
        return Entry.objects.create(user=user, type="fact", text=text, date=day)

    kafka, runbook, prs = (entry(alice, text) for text in ("Kafka", "Runbook", "PRs"))
    theirs = entry(stranger, "Mallory's secret")
    summary = PerfSummary.objects.create(
        user=alice,
        period_start=datetime.date(2026, 3, 1),
        period_end=datetime.date(2026, 3, 31),
        role="engineer",
        language="en",
        status="done",
    )
    bullets = {
        "locked": bullet("Moved billing to Kafka, my words", [kafka.pk], locked=True),
        "flagged": bullet("Cut lag by 95%", [kafka.pk], unsupported=["95"]),
        "stale": bullet("Wrote the runbook", [uuid.uuid4(), runbook.pk]),
        "in order": bullet("Reviewed PRs after the move", [prs.pk, kafka.pk]),
        "odd id": bullet("An odd id", [runbook.pk], id="x/../<y>"),
        "not yours": bullet("Cites a stranger", [theirs.pk, prs.pk]),
    }
    billing = GoalReview.objects.create(
        summary=summary,
        title="Reliable billing",
        position=0,
        outputs=[bullets["locked"], bullets["stale"]],
        outcomes=[bullets["flagged"], bullets["in order"]],
    )
    other = GoalReview.objects.create(
        summary=summary,
        title="Other work",
        position=1,
        outputs=[bullets["odd id"], bullets["not yours"]],
        outcomes=[],
    )
    entries = {"kafka": kafka, "runbook": runbook, "prs": prs}
    return bullets, {"billing": billing.pk, "other": other.pk}, entries


@pytest.mark.django_db(transaction=True)
def test_bullets_become_points_citing_their_entries_and_come_back_when_reversed():
    try:
        apps = migrate(before_points())
        bullets, reviews, entries = old_journal(apps)

        migrate(latest())

        assert ReviewPoint.objects.count() == len(bullets)  # nothing lost
        placed = {
            "locked": ("billing", "output", 0),
            "stale": ("billing", "output", 1),
            "flagged": ("billing", "outcome", 0),
            "in order": ("billing", "outcome", 1),
            "odd id": ("other", "output", 0),
            "not yours": ("other", "output", 1),
        }
        points = {}
        for name, (review, section, position) in placed.items():
            point = ReviewPoint.objects.get(
                review_id=reviews[review], section=section, position=position
            )
            old = bullets[name]
            assert (point.text, point.locked, point.removed) == (old["text"], old["locked"], False)
            assert point.unsupported == old["unsupported"]
            points[name] = point
        kafka, runbook, prs = (str(entries[name].pk) for name in ("kafka", "runbook", "prs"))
        assert points["locked"].locked and points["flagged"].unsupported == ["95"]
        assert points["in order"].cited_entry_ids() == [prs, kafka]  # the bullet's order
        assert (points["stale"].cited_entry_ids(), points["stale"].cited_deleted) == ([runbook], 1)
        # Another user's entry is not cited: it counts as one deleted, nothing leaks.
        assert points["not yours"].cited_entry_ids() == [prs]
        assert points["not yours"].cited_deleted == 1
        assert points["flagged"].cited_deleted == 0
        for name in placed.keys() - {"odd id"}:  # its id where it was one: links keep working
            assert points[name].key == bullets[name]["id"]
        assert isinstance(points["odd id"].pk, uuid.UUID)
        assert Citation.objects.count() == 7

        apps = migrate(before_points())

        GoalReview = apps.get_model("perf", "GoalReview")
        billing = GoalReview.objects.get(pk=reviews["billing"])
        other = GoalReview.objects.get(pk=reviews["other"])
        stale = {**bullets["stale"], "entry_ids": [runbook]}  # the deleted entry stays gone
        assert billing.outputs == [bullets["locked"], stale]
        assert billing.outcomes == [bullets["flagged"], bullets["in order"]]
        odd, not_yours = other.outputs
        assert odd == {**bullets["odd id"], "id": points["odd id"].key}
        assert not_yours == {**bullets["not yours"], "entry_ids": [prs]}
        assert other.outcomes == []
    finally:
        back_to_latest()


@pytest.mark.django_db(transaction=True)
def test_a_bullet_id_two_reviews_share_does_not_stop_the_migration():
    # The import before points were rows copied bullets' ids: a journal imported into a
    # second account holds the same bullet ids in two reviews (here, for short, in one summary).
    try:
        apps = migrate(before_points())
        bullets, reviews, entries = old_journal(apps)
        GoalReview = apps.get_model("perf", "GoalReview")
        billing = GoalReview.objects.get(pk=reviews["billing"])
        copy = GoalReview.objects.create(
            summary=billing.summary,
            title="A copy",
            position=2,
            outputs=[bullets["locked"]],
            outcomes=[],
        )

        migrate(latest())

        assert ReviewPoint.objects.count() == len(bullets) + 1
        [copied] = ReviewPoint.objects.filter(review_id=copy.pk)
        assert copied.text == bullets["locked"]["text"]
        assert copied.cited_entry_ids() == [str(entries["kafka"].pk)]
    finally:
        back_to_latest()
