from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from journal.models import ApiToken


class Command(BaseCommand):
    help = "Make a personal API token for a user and print it (it is stored hashed, so only now)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="command line", help="what the token is for")

    def handle(self, *args, **options):
        try:
            user = get_user_model().objects.get(username=options["username"])
        except get_user_model().DoesNotExist:
            raise CommandError(f"There is no user {options['username']!r}.") from None
        name = options["name"].strip()
        if not name or len(name) > 100:
            raise CommandError("Give the token a name of 1 to 100 characters.")
        _, token = ApiToken.issue(user, name)
        self.stdout.write(token)
