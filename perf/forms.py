import calendar
import datetime

from django import forms
from django.conf import settings
from django.core.validators import MaxLengthValidator, validate_unicode_slug
from django.template.defaultfilters import filesizeformat
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from journal.forms import PeriodForm
from journal.models import Entry, Role
from journal.validation import validate_storable_text, validate_visible_text

from .models import Goal, SummaryLanguage
from .portability.report import JournalFileError
from .portability.upload import check_upload
from .review_forms import find_form, forms_for
from .services.summaries import NoFacts, SummaryInputError, validate_has_facts, validate_period


def months_before(day: datetime.date, months: int) -> datetime.date:
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


class SummaryForm(PeriodForm):
    PRESETS = [
        ("half_year", _("Last half-year")),
        ("quarter", _("Last quarter")),
        ("custom", _("Custom period")),
    ]
    # .period-input: changing one reloads the evidence panel (hx-trigger in the template).
    preset = forms.ChoiceField(
        label=_("Period"),
        choices=PRESETS,
        widget=forms.RadioSelect(attrs={"class": "period-input"}),
    )
    role = forms.ChoiceField(label=_("Write it for"), choices=Role.choices)
    language = forms.ChoiceField(label=_("Language of the review"), choices=SummaryLanguage.choices)
    # A built-in form's questions follow the review's language and role: the choice is
    # its key, and clean() gives the form itself.
    form_key = forms.ChoiceField(
        label=_("Form"),
        choices=[],
        required=False,
        error_messages={"invalid_choice": _("That review form is gone: choose another.")},
    )
    exclude = forms.ModelMultipleChoiceField(
        label=_("Leave out"),
        queryset=Entry.objects.none(),
        required=False,
        error_messages={"invalid_choice": _("One of the entries to leave out is not yours.")},
    )

    MONTHS = {"half_year": 6, "quarter": 3}

    def __init__(self, *args, today: datetime.date, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.user = user
        self.fields["exclude"].queryset = Entry.objects.for_user(user)
        language = self.data.get("language") or self.initial.get("language")
        role = self.data.get("role") or self.initial.get("role")
        self.fields["form_key"].choices = [
            (choice.key, choice.name) for choice in forms_for(user, language, role)
        ]
        for name in ("start", "end"):
            self.fields[name].widget.attrs["class"] = "period-input"
        # Each preset says which days it covers, from the same `today` the period uses.
        labels = {
            "half_year": gettext("Last half-year (%(start)s – %(end)s)"),
            "quarter": gettext("Last quarter (%(start)s – %(end)s)"),
        }
        self.fields["preset"].choices = [
            (value, labels[value] % self._dates(*self.preset_period(value)))
            if value in labels
            else (value, label)
            for value, label in self.PRESETS
        ]

    def preset_period(self, preset):
        """The (start, end) of a preset, or None for a custom period."""
        months = self.MONTHS.get(preset)
        return (months_before(self.today, months), self.today) if months else None

    @staticmethod
    def _dates(start, end) -> dict:
        return {"start": date_format(start, "DATE_FORMAT"), "end": date_format(end, "DATE_FORMAT")}

    def period(self, cleaned):
        preset = self.preset_period(cleaned.get("preset"))
        if preset:
            cleaned["start"], cleaned["end"] = preset
        return cleaned.get("start"), cleaned.get("end")

    def clean(self):
        cleaned = super().clean()  # the period, from the preset, in order
        if cleaned.get("preset") == "custom":
            if not cleaned.get("start") and "start" not in self.errors:
                self.add_error("start", _("Choose the first day of the period."))
            if not cleaned.get("end") and "end" not in self.errors:
                self.add_error("end", _("Choose the last day of the period."))
        # None of the choices (the default: the seed's C/O/O) is the first, a built-in.
        cleaned["form"] = find_form(
            self.user, cleaned.get("form_key") or "", cleaned.get("language"), cleaned.get("role")
        )
        if cleaned.get("start") and cleaned.get("end") and not self.errors:
            try:
                validate_period(cleaned["start"], cleaned["end"])
            except SummaryInputError as error:
                self.add_error(None, str(error))
            else:
                self._check_facts(cleaned)
        return cleaned

    def _check_facts(self, cleaned):
        """A period without a fact to write from (once the left-out ones are left out) is
        an error here, before anything is queued."""
        excluded = [entry.pk for entry in cleaned.get("exclude") or ()]
        try:
            validate_has_facts(self.user, cleaned["start"], cleaned["end"], excluded)
        except NoFacts as error:
            self.add_error(None, forms.ValidationError(str(error), code="no_facts"))


class GoalForm(forms.ModelForm):
    # A plain field, so that "#Billing" is accepted and cleaned to "billing" below.
    slug = forms.CharField(
        label=_("Tag"),
        required=False,
        max_length=61,
        help_text=_(
            "Write #tag in an entry to link it to this goal. "
            "Leave it empty to make it from the title."
        ),
    )

    class Meta:
        model = Goal
        fields = ["title", "slug", "description", "status"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "title": {"required": _("Give the goal a title.")},
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["title"].validators.append(validate_visible_text)
        self.fields["description"].validators.append(validate_storable_text)

    def clean_slug(self):
        slug = (self.cleaned_data.get("slug") or "").strip().lstrip("#").lower()
        if not slug and "title" not in self.cleaned_data:
            return ""  # made from a title that was refused: its error says what to fix
        if not slug:
            slug = slugify(self.cleaned_data.get("title", ""), allow_unicode=True)[:60]
        try:
            validate_unicode_slug(slug)
        except forms.ValidationError:
            raise forms.ValidationError(_("A tag is one word: letters, digits, - and _.")) from None
        taken = Goal.objects.filter(user=self.user, slug=slug).exclude(pk=self.instance.pk)
        if slug and taken.exists():
            raise forms.ValidationError(
                _("Another of your goals already uses the tag #%(tag)s."), params={"tag": slug}
            )
        return slug

    def save(self, commit=True):
        self.instance.user = self.user
        return super().save(commit)


class PieceForm(forms.Form):
    """The text of one piece of a summary (perf.services.pieces): narrative, title, context
    or bullet."""

    LIMITS = {"title": 200, "context": 5000, "narrative": 10000, "bullet": 2000}
    LABELS = {
        "title": _("Title"),
        "context": _("Context"),
        "narrative": _("Narrative"),
        "bullet": _("Point"),
    }

    # An optional piece may be emptied; what is written must show something.
    text = forms.CharField(strip=True, validators=[validate_visible_text])

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["text"]
        field.label = self.LABELS[kind]
        field.max_length = self.LIMITS[kind]
        field.validators.append(MaxLengthValidator(self.LIMITS[kind]))
        field.widget = forms.TextInput() if kind == "title" else forms.Textarea(attrs={"rows": 3})
        field.widget.attrs["maxlength"] = self.LIMITS[kind]
        # A goal may go without context or the summary without a narrative; not a title or
        # a point (remove a point instead).
        field.required = kind in ("title", "bullet")
        field.error_messages = {
            "required": _("Write something: this cannot be empty.")
            if kind == "title"
            else _("Write something, or remove the point instead."),
            "max_length": _(
                "This can be at most %(limit_value)d characters long (it has %(show_value)d)."
            ),
        }


class ImportForm(forms.Form):
    """A journal file to import: the size first (from the request's Content-Length, before
    the body is read, then the file's own), then what it holds (portability.upload)."""

    file = forms.FileField(
        label=_("File to import"),
        required=False,
        help_text=_(
            "A Perf Assist JSON export, the JSON of jrnl --export json, or a zip of "
            "Obsidian daily notes (YYYY-MM-DD.md)."
        ),
    )

    def __init__(self, *args, too_large=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.too_large = too_large
        self.kind, self.raw = "", b""

    @property
    def max_bytes(self) -> int:
        return settings.IMPORT_MAX_BYTES

    def clean_file(self):
        limit = self.max_bytes
        upload = self.cleaned_data["file"]
        if self.too_large or (upload and upload.size > limit):
            raise forms.ValidationError(
                gettext("The file is larger than %(size)s, the most an import takes.")
                % {"size": filesizeformat(limit)}
            )
        if not upload:
            raise forms.ValidationError(gettext("Choose a file to import."))
        raw = upload.read()
        try:
            self.kind = check_upload(raw, upload.name)
        except JournalFileError as error:
            raise forms.ValidationError(str(error)) from None
        self.raw = raw
        return upload
