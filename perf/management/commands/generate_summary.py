import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from journal.management import existing_user
from journal.models import Role
from journal.services import get_profile
from journal.validation import parse_supported_date
from perf.models import ReviewForm, SummaryLanguage, SummaryStatus
from perf.review_forms import find_form, forms_for, user_form
from perf.services.markdown import summary_markdown
from perf.services.shown import summary_as_dict
from perf.services.summaries import (
    SummaryInputError,
    create_summary,
    review_language,
    run_summary,
)


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
        parser.add_argument(
            "--form",
            help="a review form to answer: its name or id (built-ins: coo, self-review, "
            "promotion); default: context, outputs and outcomes per goal",
        )
        parser.add_argument("--format", choices=["markdown", "json"], default="markdown")

    def handle(self, *args, **options):
        user = existing_user(options["user"])
        form = review_form(user, options) if options["form"] else None
        try:
            summary = create_summary(
                user,
                start=options["start"],
                end=options["end"],
                role=options["role"],
                language=options["language"],
                form=form,
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


def review_form(user, options):
    """The form --form names: a built-in's or a form's id, or a form's name (any case)."""
    profile = get_profile(user)
    language = review_language(user, options["language"])
    role = options["role"] or profile.role
    wanted = options["form"].strip()
    found = find_form(user, wanted, language, role)
    if found is None:
        named = ReviewForm.objects.filter(user=user, name__iexact=wanted).first()
        found = user_form(named) if named else None
    if found is None:
        known = ", ".join(
            f"{choice.key} ({choice.name})" for choice in forms_for(user, language, role)
        )
        raise CommandError(f"{user.get_username()} has no review form {wanted!r}. Forms: {known}.")
    return found
