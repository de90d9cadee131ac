"""The page's form for a review form: a name and its questions pasted one per line."""

from django import forms
from django.utils.translation import gettext_lazy as _

from journal.validation import validate_storable_text

from .form_model import ReviewForm
from .review_forms import NameTaken, name_taken, parse_pasted


class ReviewFormForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=ReviewForm._meta.get_field("name").max_length,
        validators=[validate_storable_text],
    )
    questions = forms.CharField(
        label=_("Questions, one per line"),
        widget=forms.Textarea(attrs={"rows": 14, "spellcheck": "true"}),
        validators=[validate_storable_text],
        help_text=_(
            "Paste your company's questions, one per line; numbers and bullets in front are "
            "left out. Write a character limit in the line, as <code>(max 1500)</code> or "
            "<code>(не более 1500 символов)</code>. A line that starts with spaces or "
            "<code>&gt;</code> is guidance for the question above it. To reorder the "
            "questions, reorder the lines."
        ),
    )

    def __init__(self, *args, user, instance=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.instance = instance

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if name_taken(self.user, name, but=self.instance):
            raise forms.ValidationError(str(NameTaken(name)))
        return name

    def clean_questions(self):
        # parse_pasted's ValidationError is a sentence naming the question at fault.
        return parse_pasted(self.cleaned_data["questions"])
