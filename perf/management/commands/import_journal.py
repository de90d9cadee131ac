from django.core.management.base import BaseCommand, CommandError

from journal.management import existing_user
from perf.portability.importing import JournalFileError, import_journal


class Command(BaseCommand):
    help = (
        "Import into a user's journal: a Perf Assist JSON export (a restore, ids and "
        "timestamps kept), the JSON of `jrnl --export json` (each entry a fact), or a folder "
        "of Markdown daily notes named YYYY-MM-DD.md (lines under a heading starting with "
        "'Plan' become plans, the others facts; links are refused, not followed). Importing "
        "twice adds nothing new; a file with a fault is refused whole, naming the line or "
        "record. A summary the file holds unfinished comes in failed, to be written again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--user", required=True, help="the user name to import into")
        parser.add_argument("path", help="the JSON file, a daily note, or a folder of them")
        parser.add_argument(
            "--dry-run", action="store_true", help="check and count, but write nothing"
        )

    def handle(self, *args, **options):
        user = existing_user(options["user"])
        try:
            report = import_journal(user, options["path"], dry_run=options["dry_run"])
        except JournalFileError as error:
            raise CommandError(f"Nothing was imported. {error}") from None
        self.stdout.write(str(report))
        if options["dry_run"]:
            self.stdout.write("A dry run: nothing was written.")
