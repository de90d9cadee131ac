from django.core.management.base import BaseCommand, CommandError

from journal.management import existing_user
from journal.models import ApiToken


class Command(BaseCommand):
    help = "Make a personal API token for a user and print it (it is stored hashed, so only now)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="command line", help="what the token is for")

    def handle(self, *args, **options):
        user = existing_user(options["username"])
        name = options["name"].strip()
        if not name or len(name) > 100:
            raise CommandError("Give the token a name of 1 to 100 characters.")
        _, token = ApiToken.issue(user, name)
        self.stdout.write(token)
