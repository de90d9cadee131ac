from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from journal.management import existing_user
from journal.models import Entry
from journal.services import get_profile
from journal.validation import parse_iso_week
from perf.models import SummaryStatus, WeekSummary
from perf.services.weeks import monday_of, week_defaults, write_week


class Command(BaseCommand):
    help = "Write the summary of one ISO week of a user's entries, now, and print it."

    def add_arguments(self, parser):
        parser.add_argument("--user", required=True, help="username")
        parser.add_argument("--week", help="ISO week like 2026-W47; default: this week")

    def handle(self, *args, **options):
        user = existing_user(options["user"])
        try:
            monday = (
                parse_iso_week(options["week"])
                if options["week"]
                else monday_of(get_profile(user).today())
            )
        except ValidationError as error:
            raise CommandError(error.messages[0]) from None
        summary, _ = WeekSummary.objects.get_or_create(
            user=user, week_start=monday, defaults=week_defaults(user)
        )
        if summary.status == SummaryStatus.RUNNING:
            raise CommandError(f"{summary.iso_week} is being written by the worker right now.")
        WeekSummary.objects.filter(pk=summary.pk).update(
            **week_defaults(user), status=SummaryStatus.PENDING, error=""
        )
        summary = write_week(summary)
        if summary.status != SummaryStatus.DONE:
            raise CommandError(f"The weekly summary failed: {summary.error}")
        cited = {pk for bullet in summary.bullets for pk in bullet["entry_ids"]}
        dates = {
            str(pk): day for pk, day in Entry.objects.filter(pk__in=cited).values_list("pk", "date")
        }
        self.stdout.write(f"# {summary.iso_week} ({summary.week_start} – {summary.week_end})\n")
        if not summary.bullets:
            self.stdout.write("(no facts this week)\n")
        for bullet in summary.bullets:
            days = sorted({str(dates[pk]) for pk in bullet["entry_ids"] if pk in dates})
            self.stdout.write(f"- {bullet['text']} ({', '.join(days)})\n")
