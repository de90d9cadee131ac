import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from journal.management import existing_user
from journal.models import Role
from journal.validation import parse_supported_date
from perf.models import SummaryLanguage, SummaryStatus
from perf.services.markdown import summary_markdown
from perf.services.shown import summary_as_dict
from perf.services.summaries import SummaryInputError, create_summary, run_summary


def iso_date(value):
    """A YYYY-MM-DD within the dates Perf Assist keeps, else the reason as a CommandError."""
    try:
        return parse_supported_date(value)
    except ValidationError as error:
        raise CommandError(error.messages[0]) from None


class Command(BaseCommand):
    help = "Write a perf summary of a user's entries for a period, now, and print it."

    def add_arguments(self, parser):
        parser.add_argument("--user", required=True, help="username")
        parser.add_argument("--start", required=True, type=iso_date, help="YYYY-MM-DD")
        parser.add_argument("--end", required=True, type=iso_date, help="YYYY-MM-DD")
        parser.add_argument("--role", choices=Role.values, help="default: the profile's")
        parser.add_argument(
            "--language", choices=SummaryLanguage.values, help="default: the profile's"
        )
        parser.add_argument("--format", choices=["markdown", "json"], default="markdown")

    def handle(self, *args, **options):
        user = existing_user(options["user"])
        try:
            summary = create_summary(
                user,
                start=options["start"],
                end=options["end"],
                role=options["role"],
                language=options["language"],
            )
        except SummaryInputError as error:
            raise CommandError(str(error)) from None
        summary = run_summary(summary)
        if summary.status != SummaryStatus.DONE:
            raise CommandError(f"The summary failed: {summary.error}")
        if options["format"] == "json":
            self.stdout.write(json.dumps(summary_as_dict(summary), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(summary_markdown(summary))
