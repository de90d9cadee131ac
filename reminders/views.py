from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_not_required
from django.core import signing
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from journal.views.account import profile_context

from . import services
from .forms import ReminderPreferencesForm
from .models import Kind


@require_POST
def update_preferences(request):
    """The Reminders section of Settings posts here; errors re-show the Settings page."""
    preferences = services.preferences_of(request.user)
    form = ReminderPreferencesForm(request.POST, instance=preferences, user=request.user)
    if not form.is_valid():
        context = profile_context(request, reminders_form=form)
        return render(request, "registration/profile.html", context, status=422)
    services.save_preferences(request.user, form.save(commit=False), form.cleaned_data["email"])
    messages.success(request, _("Your reminders are saved."))
    return redirect(reverse("journal:profile") + "#reminders")


# No login and no CSRF token: the signed token in the address is the credential (a forger
# would need it), and mail programs' one-click unsubscribe (RFC 8058) posts with neither.
@login_not_required
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """GET asks to confirm and changes nothing; POST turns that reminder off."""
    try:
        user_id, kind = services.read_unsubscribe_token(token)
    except signing.SignatureExpired:
        return render(request, "reminders/unsubscribe_invalid.html", {"expired": True}, status=400)
    except signing.BadSignature:
        return render(request, "reminders/unsubscribe_invalid.html", status=400)
    user = get_user_model().objects.filter(pk=user_id).select_related("profile").first()
    if user is None:
        return render(request, "reminders/unsubscribe_invalid.html", status=400)
    context = {"kind": Kind(kind), "done": request.method == "POST"}
    if request.method == "POST":
        services.unsubscribe(user.pk, kind)
    with translation.override(user.profile.language or translation.get_language()):
        return render(request, "reminders/unsubscribe.html", context)
