from django.core.management.base import BaseCommand

from journal.management import existing_user
from perf.portability.export import journal_json, journal_markdown


class Command(BaseCommand):
    help = (
        "Write a user's whole journal to standard output: lossless JSON (entries, goals and "
        "their links, perf summaries, weekly summaries, with ids and timestamps), which "
        "import_journal restores, or a readable day-by-day Markdown document."
    )

    def add_arguments(self, parser):
        parser.add_argument("--user", required=True, help="the user name whose journal to export")
        parser.add_argument("--format", choices=["json", "markdown"], default="json")

    def handle(self, *args, **options):
        user = existing_user(options["user"])
        export = journal_json if options["format"] == "json" else journal_markdown
        self.stdout.write(export(user), ending="")
