from django.core.management.base import BaseCommand, CommandError

from perf.llm.config import described_settings, llm_config
from perf.llm.connection import check_connection


class Command(BaseCommand):
    help = (
        "Show the LLM settings in use and where each came from, then send the model one tiny "
        "request, as Settings → LLM's connection test does; exit 1 if it fails."
    )

    def handle(self, *args, **options):
        config = llm_config()
        for setting in described_settings(config):
            self.stdout.write(f"{setting.name:<18} {setting.value}  ({setting.source})")
        if config.resolved_provider() == "offline":
            self.stdout.write(
                "No model is configured: summaries are drafts without AI. Nothing to test."
            )
            return
        self.stdout.write(f"One generation may take up to {config.stage_seconds:g} s.")
        self.stdout.write("Testing the connection…")
        report = check_connection(config)
        details = [f"JSON mode: {report.json_mode}"]
        if report.schema_valid is not None:
            details.append(f"fits the schema: {'yes' if report.schema_valid else 'no'}")
        if report.reply:
            self.stdout.write(f"Reply: {report.reply}")
        if not report.ok:
            self.stdout.write(f"{report.seconds:g} s; " + "; ".join(details))
            raise CommandError(report.error)
        self.stdout.write(
            self.style.SUCCESS(f"It works: {report.model} answered in {report.seconds:g} s; ")
            + "; ".join(details)
        )
