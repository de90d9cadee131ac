from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ReminderPreferences


class ReminderPreferencesForm(forms.ModelForm):
    email = forms.EmailField(
        label=_("Your e-mail address"),
        required=False,
        help_text=_(
            "Where reminders go. We mail a link to a new address: once you open it, "
            "reminders go there and it becomes your account's address."
        ),
    )

    class Meta:
        model = ReminderPreferences
        fields = ["email", "nudge", "nudge_time", "digest", "digest_time"]
        labels = {
            "nudge": _("On working days, remind me when I have written no fact yet"),
            "nudge_time": _("Remind me at"),
            "digest": _("On Fridays, send me my week: its facts and open plans"),
            "digest_time": _("Send the digest at"),
        }
        widgets = {
            "nudge_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "digest_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }
        error_messages = {
            "nudge_time": {"invalid": _("Enter the time as hours and minutes, such as 17:30.")},
            "digest_time": {"invalid": _("Enter the time as hours and minutes, such as 17:30.")},
        }

    def __init__(self, *args, user, **kwargs):
        # Its own ids: the Settings page holds other forms, with fields of their own.
        kwargs.setdefault("auto_id", "id_reminders_%s")
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            # The address waiting for its confirmation, else the account's.
            self.initial["email"] = self.instance.pending_email or user.email
        for name in ("nudge_time", "digest_time"):
            # The model's default is a callable, which would add a hidden "initial-" copy.
            self.fields[name].show_hidden_initial = False
            self.fields[name].help_text = _("In your time zone, %(zone)s.") % {
                "zone": user.profile.time_zone
            }
        self.fields["email"].error_messages["invalid"] = _(
            "Enter an e-mail address such as ann@example.com."
        )

    def clean_email(self):
        return self.cleaned_data["email"].strip()

    def clean(self):
        cleaned = super().clean()
        wanted = cleaned.get("nudge") or cleaned.get("digest")
        if wanted and not cleaned.get("email") and "email" not in self.errors:
            self.add_error("email", _("Reminders need an address to go to: enter your e-mail."))
        return cleaned
