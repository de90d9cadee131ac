"""Points become rows, citations relations: each bullet of a goal review's outputs and
outcomes (JSON lists) moves to a ReviewPoint citing its entries through Citation."""

import django.db.models.deletion
import uuid
from django.db import migrations, models

SECTIONS = (("outputs", "output"), ("outcomes", "outcome"))


def bullets_to_rows(apps, schema_editor):
    """Each bullet of a goal review becomes a point, its entry ids citations. An id whose
    entry is gone (deleted since) is counted in cited_count, so the point says so."""
    GoalReview = apps.get_model("perf", "GoalReview")
    ReviewPoint = apps.get_model("perf", "ReviewPoint")
    Citation = apps.get_model("perf", "Citation")
    Entry = apps.get_model("journal", "Entry")
    reviews = GoalReview.objects.select_related("summary").order_by("pk")
    seen = set()  # point ids across reviews: an older import copied bullet ids between users
    for review in reviews.iterator(chunk_size=500):
        points, citations = [], []
        wanted = {
            entry_id
            for field, _section in SECTIONS
            for bullet in getattr(review, field) or []
            if isinstance(bullet, dict)
            for entry_id in map(_uuid, bullet.get("entry_ids") or [])
            if entry_id
        }
        existing = set(
            Entry.objects.filter(pk__in=wanted, user_id=review.summary.user_id).values_list(
                "pk", flat=True
            )
        )
        for field, section in SECTIONS:
            bullets = [b for b in getattr(review, field) or [] if isinstance(b, dict)]
            for position, bullet in enumerate(bullets):
                # The bullet's own id where it is one: links to it keep working.
                pk = _uuid(bullet.get("id")) or uuid.uuid4()
                if pk in seen:
                    pk = uuid.uuid4()
                seen.add(pk)
                cited = list(dict.fromkeys(map(_uuid, bullet.get("entry_ids") or [])))
                points.append(
                    ReviewPoint(
                        id=pk,
                        review_id=review.pk,
                        section=section,
                        position=position,
                        text=bullet.get("text") or "",
                        locked=bool(bullet.get("locked")),
                        removed=False,
                        unsupported=list(bullet.get("unsupported") or []),
                        cited_count=len(cited),
                    )
                )
                citations += [
                    Citation(point_id=pk, entry_id=entry_id, position=n)
                    for n, entry_id in enumerate(e for e in cited if e in existing)
                ]
        ReviewPoint.objects.bulk_create(points)
        Citation.objects.bulk_create(citations)


def _uuid(value):
    """An entry id as stored (text, in any spelling of a UUID), or None for one that is not."""
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def rows_to_bullets(apps, schema_editor):
    """Back to bullets in JSON; removed points are dropped, as before they were."""
    GoalReview = apps.get_model("perf", "GoalReview")
    ReviewPoint = apps.get_model("perf", "ReviewPoint")
    for review in GoalReview.objects.order_by("pk").iterator(chunk_size=500):
        lists = {"outputs": [], "outcomes": []}
        points = ReviewPoint.objects.filter(review_id=review.pk, removed=False).order_by(
            "section", "position"
        )
        for point in points.prefetch_related("citations"):
            field = "outputs" if point.section == "output" else "outcomes"
            lists[field].append(
                {
                    "id": point.pk.hex,
                    "text": point.text,
                    "entry_ids": [
                        str(c.entry_id) for c in sorted(point.citations.all(), key=lambda c: c.position)
                    ],
                    "unsupported": point.unsupported,
                    "locked": point.locked,
                }
            )
        review.outputs, review.outcomes = lists["outputs"], lists["outcomes"]
        review.save(update_fields=["outputs", "outcomes"])


class Migration(migrations.Migration):

    dependencies = [
        ('journal', '0005_api_tokens'),
        ('perf', '0003_week_summaries'),
    ]

    operations = [
        migrations.AddField(
            model_name='goalreview',
            name='context_entries',
            field=models.ManyToManyField(blank=True, related_name='cited_by_contexts', to='journal.entry'),
        ),
        migrations.CreateModel(
            name='Citation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('position', models.PositiveIntegerField(default=0)),
                ('entry', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='point_citations', to='journal.entry')),
            ],
            options={
                'verbose_name': 'citation',
                'verbose_name_plural': 'citations',
                'ordering': ['point_id', 'position'],
            },
        ),
        migrations.CreateModel(
            name='ReviewPoint',
            fields=[
                ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                ('section', models.CharField(choices=[('output', 'Output'), ('outcome', 'Outcome')], max_length=8, verbose_name='section')),
                ('position', models.PositiveIntegerField(default=0)),
                ('text', models.TextField(verbose_name='text')),
                ('locked', models.BooleanField(default=False, verbose_name='kept when rewritten')),
                ('removed', models.BooleanField(default=False, verbose_name='removed')),
                ('unsupported', models.JSONField(blank=True, default=list)),
                ('cited_count', models.PositiveIntegerField(default=0)),
                ('entries', models.ManyToManyField(blank=True, related_name='review_points', through='perf.Citation', to='journal.entry')),
                ('review', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='points', to='perf.goalreview')),
            ],
            options={
                'verbose_name': 'point',
                'verbose_name_plural': 'points',
                'ordering': ['review_id', 'section', 'position', 'pk'],
            },
        ),
        migrations.AddField(
            model_name='citation',
            name='point',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='citations', to='perf.reviewpoint'),
        ),
        migrations.AddConstraint(
            model_name='citation',
            constraint=models.UniqueConstraint(fields=('point', 'entry'), name='cite_an_entry_once'),
        ),
        migrations.RunPython(bullets_to_rows, rows_to_bullets),
    ]
