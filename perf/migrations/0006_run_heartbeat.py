"""One run lifecycle for summaries and weeks (perf.models.Run): a heartbeat for both,
which for a summary is what progressed_at was (a sign of life of a long run)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("perf", "0005_drop_bullet_lists")]

    operations = [
        migrations.RenameField("perfsummary", "progressed_at", "heartbeat_at"),
        migrations.AddField(
            model_name="weeksummary",
            name="heartbeat_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
    ]
