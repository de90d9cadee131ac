"""The bullets' JSON lists, moved to rows by 0004 (a migration of its own: PostgreSQL
refuses to alter a table in the transaction that wrote rows referring to it)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("perf", "0004_points_and_citations"),
    ]

    operations = [
        migrations.RemoveField(model_name="goalreview", name="outcomes"),
        migrations.RemoveField(model_name="goalreview", name="outputs"),
    ]
