"""The Reminders section of journal's Settings page (journal/extensions.py's "settings" slot)."""

from .confirmation import address_state
from .forms import ReminderPreferencesForm
from .services import email_configured, preferences_of


def settings_section(user, keys) -> dict:
    """The section's context for the page's one key (None). A form the reminders view
    re-shows with its errors comes in the page's context as reminders_form and wins."""
    preferences = preferences_of(user)
    context = {
        "reminders_email_configured": email_configured(),
        "reminders_address": address_state(user, preferences),
        "reminders_fresh_form": ReminderPreferencesForm(instance=preferences, user=user),
    }
    return dict.fromkeys(keys, context)
