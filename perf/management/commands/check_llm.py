import logging

from django.core.management.base import BaseCommand, CommandError

from perf.llm.config import described_settings, llm_config
from perf.llm.connection import check_connection

# Their INFO lines (each request, each retry, the JSON mode stepping down) would bury the
# outcome, which says the mode found.
QUIET_LOGGERS = ("httpx", "httpx2", "openai", "anthropic", "perf.llm")


class Command(BaseCommand):
    help = (
        "Show the LLM settings in use and where each came from, then send the model one tiny "
        "request, as Settings → LLM's connection test does; exit 1 if it fails."
    )

    def handle(self, *args, **options):
        loggers = [logging.getLogger(name) for name in QUIET_LOGGERS]
        levels = [logger.level for logger in loggers]
        for logger in loggers:
            logger.setLevel(logging.WARNING)
        try:
            self.test_the_connection()
        finally:
            for logger, level in zip(loggers, levels, strict=True):
                logger.setLevel(level)

    def test_the_connection(self):
        config = llm_config()
        for setting in described_settings(config):
            value = setting.value or "(not set)"
            self.stdout.write(f"{setting.name:<20} {value}  ({setting.source})")
        if config.resolved_provider() == "offline":
            self.stdout.write(
                "No model is configured: summaries are drafts without AI. Nothing to test."
            )
            return
        self.stdout.write(f"One generation may take up to {config.stage_seconds:.0f} s.")
        self.stdout.write("Testing the connection…")
        report = check_connection(config)
        if report.reply:
            self.stdout.write(f"Reply: {report.reply}")
        if not report.ok:
            self.stdout.write(f"Failed after {report.seconds:g} s.")
            raise CommandError(report.error)
        self.stdout.write(
            self.style.SUCCESS(f"It works: {report.model} answered in {report.seconds:g} s; ")
            + f"JSON mode: {report.json_mode}; fits the schema: yes"
        )
