import functools
import uuid
import zoneinfo

from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import extensions
from .entry_templates import built_in_templates
from .models import Entry, EntryTemplate, EntryType, Profile
from .paging import POSITION_PARAMS, parse_cursor
from .validation import (
    EARLIEST_DATE,
    LATEST_DATE,
    validate_storable_text,
    validate_supported_date,
    validate_visible_text,
)


@functools.cache
def time_zone_choices():
    """Time zones grouped by area ("Europe" → "Moscow"), UTC first."""
    groups = {}
    for name in sorted(zoneinfo.available_timezones()):
        area, _, place = name.partition("/")
        if place:
            groups.setdefault(area, []).append((name, place.replace("_", " ")))
        elif name != "UTC":
            groups.setdefault("", []).append((name, name))
    others = groups.pop("", [])
    return [("UTC", "UTC"), *groups.items(), *others]


def date_input():
    """A date picker that offers only the supported days (the field checks them too)."""
    return forms.DateInput(
        attrs={"type": "date", "min": EARLIEST_DATE.isoformat(), "max": LATEST_DATE.isoformat()},
        format="%Y-%m-%d",
    )


class IsoDateField(forms.DateField):
    """A date written in ASCII digits: strptime would also read ２０２６-11-20 as a date."""

    def to_python(self, value):
        if isinstance(value, str) and not value.isascii():
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


def date_field(**kwargs):
    return IsoDateField(widget=date_input(), validators=[validate_supported_date], **kwargs)


class TimeZoneSelect(forms.Select):
    # Django's Select renders each of ~600 options through its own template (about 40 ms);
    # this one renders them in a single loop.
    template_name = "widgets/time_zone_select.html"


class EntryForm(forms.ModelForm):
    """One form for adding and editing an entry, on Today and in Feed."""

    type = forms.ChoiceField(
        label=_("Type"),
        choices=EntryType.choices,
        error_messages={
            "required": _("Choose whether this is a plan or a fact."),
            "invalid_choice": _("An entry is either a plan or a fact."),
        },
    )

    class Meta:
        model = Entry
        fields = ["date", "type", "text", "fulfils_plan"]
        field_classes = {"date": IsoDateField}
        widgets = {
            "date": date_input(),
            "text": forms.Textarea(attrs={"rows": 3}),
            "fulfils_plan": forms.HiddenInput,
        }
        error_messages = {
            "text": {
                "required": _("Write something: an entry cannot be empty."),
                "max_length": _(
                    "An entry can be at most %(limit_value)d characters long "
                    "(it has %(show_value)d)."
                ),
            },
            "date": {
                "required": _("Choose the day this entry belongs to."),
                "invalid": _("Enter a real date, such as 2026-01-30."),
            },
            "fulfils_plan": {
                "invalid_choice": _("That plan does not exist or is not yours."),
            },
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        # A fact can only fulfil one of its author's own plans. (Only bound forms look the
        # plan up; Today renders two unbound forms on every visit.)
        if self.is_bound:
            self.fields["fulfils_plan"].queryset = Entry.objects.for_user(user).plans()
        if not self.instance._state.adding:
            self.add_link_picker()

    def add_link_picker(self):
        """Editing an entry links it by hand to what another app offers (perf's goals),
        besides the #tags in its text."""
        links = extensions.links()
        choices = links.choices(self.user, self.instance)
        if not choices:
            return
        linked = getattr(self.instance, "links", None)  # attached by the view, or not
        if linked is None:
            linked = links.linked([self.instance.pk]).get(self.instance.pk, [])
        self.fields[links.name] = forms.TypedMultipleChoiceField(
            label=links.label,
            choices=[(str(pk), label) for pk, label in choices],
            coerce=uuid.UUID,
            required=False,
            widget=forms.CheckboxSelectMultiple,
            initial=[str(link.pk) for link in linked],
            help_text=links.help_text,
            error_messages={"invalid_choice": links.invalid_message},
        )

    @property
    def links_field(self):
        """The picker's bound field, or None where there is nothing to pick."""
        name = extensions.links().name
        return self[name] if name in self.fields else None

    def clean(self):
        cleaned = super().clean()
        editing = not self.instance._state.adding
        if cleaned.get("type") == EntryType.PLAN and cleaned.get("fulfils_plan"):
            if editing:
                # A fact turned back into a plan no longer marks its plan done.
                cleaned["fulfils_plan"] = None
            else:
                self.add_error("type", _("Only a fact can mark a plan as done."))
        if (
            editing
            and cleaned.get("type") == EntryType.FACT
            and self.instance.type == EntryType.PLAN
            and self.instance.fulfilled_by.exists()
        ):
            self.add_error(
                "type",
                _(
                    "A fact already marks this plan as done, so it cannot become a fact itself. "
                    "Delete that fact first, or keep this entry a plan."
                ),
            )
        return cleaned

    @transaction.atomic
    def save(self, commit=True):
        self.instance.user = self.user
        links = extensions.links()
        if links.name not in self.fields:
            return super().save(commit)
        # Set before saving: the ticks are the truth, and the save adds only what the #tags
        # the edit wrote in link to (not what was unticked here: links().replace says so).
        links.replace(self.instance, self.cleaned_data[links.name])
        return super().save(commit)


class DayForm(forms.Form):
    date = date_field(
        label=_("Day"),
        error_messages={"invalid": _("Enter a real date, such as 2026-01-30.")},
    )


class PeriodForm(forms.Form):
    """From and to dates, both optional, in order; Feed's filter and the summary form."""

    start = date_field(
        label=_("From"),
        required=False,
        error_messages={"invalid": _("Enter a real start date, such as 2026-01-30.")},
    )
    end = date_field(
        label=_("To"),
        required=False,
        error_messages={"invalid": _("Enter a real end date, such as 2026-06-30.")},
    )

    def period(self, cleaned):
        """The (start, end) to check; a subclass may derive it from other fields."""
        return cleaned.get("start"), cleaned.get("end")

    def clean(self):
        cleaned = super().clean()
        start, end = self.period(cleaned)
        if start and end and end < start:
            self.add_error("end", _("The end of the period comes before its start."))
        return cleaned


class FeedFilterForm(PeriodForm):
    type = forms.ChoiceField(
        label=_("Type"),
        required=False,
        choices=[("", _("Plans and facts")), *EntryType.choices],
        error_messages={"invalid_choice": _("Show plans, facts, or both.")},
    )
    q = forms.CharField(
        label=_("Search"), required=False, max_length=200, validators=[validate_storable_text]
    )

    # Where in the journal the page stands (journal/paging.py), not what it shows.
    before = forms.CharField(required=False)
    after = forms.CharField(required=False)
    day = date_field(
        label=_("Go to day"),
        required=False,
        error_messages={"invalid": _("Enter a real day to go to, such as 2026-01-30.")},
    )

    def clean(self):
        cleaned = super().clean()
        for name in ("before", "after"):
            if cleaned.get(name):
                try:
                    parse_cursor(cleaned[name][:200])  # a cursor is some 120 characters
                except ValueError:
                    self.add_error(
                        name, _("This link to a page of the Feed is broken; start from the newest.")
                    )
        return cleaned

    def filters(self) -> dict:
        """What the page shows (period, type, words), without where it stands. Once valid."""
        return {k: v for k, v in self.cleaned_data.items() if k not in POSITION_PARAMS}

    def shows_weeks(self) -> bool:
        """Whether Feed heads its weeks with their cards: a week's summary is of all its
        entries, so not over search results or a list of one type. Once valid."""
        return not (self.cleaned_data.get("q") or self.cleaned_data.get("type"))


def time_zone_field():
    return forms.ChoiceField(
        label=_("Time zone"),
        choices=time_zone_choices,
        widget=TimeZoneSelect,
        error_messages={"invalid_choice": _("Choose a time zone from the list.")},
    )


def language_field():
    # Our own blank label: Django's "- Select an option -" has no Russian translation.
    return forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[("", _("Same as the browser")), *Profile._meta.get_field("language").choices],
    )


class ProfileForm(forms.ModelForm):
    time_zone = time_zone_field()
    language = language_field()

    class Meta:
        model = Profile
        fields = ["role", "language", "time_zone", "guidance"]
        widgets = {"guidance": forms.Textarea(attrs={"rows": 4})}


class FirstAccountForm(UserCreationForm):
    role = forms.ChoiceField(label=_("Your role"), choices=Profile._meta.get_field("role").choices)
    language = language_field()
    time_zone = time_zone_field()

    class Meta(UserCreationForm.Meta):
        fields = ["username"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            # app.js preselects the browser's zone; a re-shown form keeps the user's choice.
            self.fields["time_zone"].widget.attrs["data-detect-time-zone"] = ""


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        validators=[validate_visible_text],
        help_text=_("Where you will use it, such as “laptop shell” or “chat bot”."),
        error_messages={"required": _("Give the token a name, to know it again later.")},
    )


class EntryTemplateForm(forms.ModelForm):
    """A user's own entry template, added or edited in Settings."""

    position = forms.IntegerField(
        label=_("Order"),
        min_value=0,
        max_value=999,
        help_text=_("Lower numbers come first on Today."),
        error_messages={
            "required": _("Give the template a place in the order, such as 1."),
            "invalid": _("The order is a whole number, such as 1."),
            "min_value": _("The order is a number from 0 to 999."),
            "max_value": _("The order is a number from 0 to 999."),
        },
    )

    class Meta:
        model = EntryTemplate
        fields = ["name", "type", "text", "position"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "type": _("The box on Today that offers it."),
            "text": _(
                "A line that ends with a colon is a blank to fill in: on Today the cursor "
                "goes to the first one."
            ),
        }
        error_messages = {
            "name": {
                "required": _("Give the template a name, to pick it by on Today."),
                "max_length": _(
                    "A template's name can be at most %(limit_value)d characters long "
                    "(it has %(show_value)d)."
                ),
            },
            "text": {
                "required": _("Write the template's text: it cannot be empty."),
                "max_length": _(
                    "A template can be at most %(limit_value)d characters long "
                    "(it has %(show_value)d), as an entry can."
                ),
            },
            "type": {"invalid_choice": _("Offer it for plans, for facts, or for both.")},
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.instance.user = user
        if self.instance._state.adding and not self.is_bound:
            last = EntryTemplate.objects.filter(user=user).aggregate(last=Max("position"))
            self.initial.setdefault("position", min((last["last"] or 0) + 1, 999))

    def clean_name(self):
        name = self.cleaned_data["name"]
        folded = name.casefold()
        if folded in {template.name.casefold() for template in built_in_templates()}:
            raise forms.ValidationError(
                _("“%(name)s” is a built-in template already: choose another name."),
                params={"name": name},
                code="built_in_name",
            )
        others = EntryTemplate.objects.filter(user=self.user).exclude(pk=self.instance.pk)
        if any(other.casefold() == folded for other in others.values_list("name", flat=True)):
            raise forms.ValidationError(
                _("You already have a template named “%(name)s”: choose another name."),
                params={"name": name},
                code="duplicate_name",
            )
        return name

    def clean_text(self):
        # Browsers post "\r\n"; a text area's value and the cursor offset count "\n".
        return self.cleaned_data["text"].replace("\r\n", "\n")

    def clean(self):
        cleaned = super().clean()
        limit = EntryTemplate.MAX_PER_USER
        if (
            self.instance._state.adding
            and EntryTemplate.objects.filter(user=self.user).count() >= limit
        ):
            raise forms.ValidationError(
                ngettext(
                    "You have %(limit)s template, the most you can keep: delete one to add "
                    "another.",
                    "You have %(limit)s templates, the most you can keep: delete one to add "
                    "another.",
                    limit,
                ),
                params={"limit": limit},
                code="too_many",
            )
        return cleaned
