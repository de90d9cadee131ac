"""manage.py adduser NAME: another account for this install, neither staff nor admin.

The first account, made on the first-run page, is the admin; every later one sees only its
own journal. createsuperuser would let each new user read every journal in the admin.
"""

import getpass
import sys

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _


class Command(BaseCommand):
    help = (
        "Make an ordinary account (not staff, no admin) that sees only its own journal. "
        "It asks for the password twice, or reads it from standard input with --password-stdin."
    )
    stealth_options = ("stdin",)  # tests pass their own standard input

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--password-stdin",
            action="store_true",
            help="read the password from the first line of standard input, for scripts",
        )

    def handle(self, *args, **options):
        stdin = options.get("stdin", sys.stdin)
        User = get_user_model()
        username = self.valid_username(User, options["username"])
        if not User.objects.exists():
            raise CommandError(
                _(
                    "No account exists yet: create the first one, the admin, on the first-run "
                    "page (or with manage.py createsuperuser), then add more with adduser."
                )
            )
        if User.objects.filter(username__iexact=username).exists():
            raise CommandError(_("There is already a user %(name)r.") % {"name": username})
        user = User(username=username)
        if options["password_stdin"]:
            password = self.password_from(stdin, user)
        elif stdin.isatty():
            try:
                password = self.password_from_terminal(user)
            except KeyboardInterrupt:
                raise CommandError(_("Stopped: no account was made.")) from None
        else:
            raise CommandError(
                _(
                    "Standard input is not a terminal, so the password cannot be asked for: "
                    "pass --password-stdin to read it from standard input."
                )
            )
        user = User.objects.create_user(username=username, password=password)
        self.stdout.write(
            _("Made the account %(name)r: it sees only its own journal, not the admin.")
            % {"name": user.get_username()}
        )

    def valid_username(self, User, username: str) -> str:
        username = User.normalize_username(username)
        field = User._meta.get_field(User.USERNAME_FIELD)
        try:
            return field.clean(username, None)
        except ValidationError as error:
            raise CommandError(
                _("%(name)r cannot be a user name: %(reasons)s")
                % {"name": username, "reasons": " ".join(error.messages)}
            ) from None

    def password_from(self, stdin, user) -> str:
        password = stdin.readline().removesuffix("\n").removesuffix("\r")
        problems = password_problems(password, user)
        if problems:
            raise CommandError(
                _("No account was made: %(problems)s") % {"problems": " ".join(problems)}
            )
        return password

    def password_from_terminal(self, user) -> str:
        """Ask until the password is typed the same twice and passes the validators, as
        createsuperuser does; Ctrl-C gives up."""
        while True:
            password = getpass.getpass(_("Password: "))
            if getpass.getpass(_("Password (again): ")) != password:
                self.stderr.write(_("The two passwords differ. Try again."))
                continue
            problems = password_problems(password, user)
            if not problems:
                return password
            for problem in problems:
                self.stderr.write(problem)


def password_problems(password: str, user) -> list[str]:
    """Why AUTH_PASSWORD_VALIDATORS refuse this password, each a sentence; none if fine."""
    if not password:
        return [_("The password is empty.")]
    try:
        validate_password(password, user)
    except ValidationError as error:
        return list(error.messages)
    return []
