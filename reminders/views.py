from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_not_required
from django.core import signing
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from journal.views.account import profile_context

from . import confirmation, services
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
    services.save_preferences(request.user, form.save(commit=False))
    address = form.cleaned_data["email"]
    outcome = confirmation.set_address(request.user, address)
    messages.success(request, _("Your reminders are saved."))
    tell_outcome(request, outcome, address)
    return redirect(reverse("journal:profile") + "#reminders")


@require_POST
def send_confirmation(request):
    """Settings' "Send a confirmation link": for the address waiting for one, else for the
    account's address set elsewhere (the admin, adduser), which starts unconfirmed."""
    preferences = services.preferences_of(request.user)
    address = confirmation.address_to_confirm(request.user, preferences)
    if address:
        tell_outcome(request, confirmation.request_confirmation(request.user, address), address)
    elif request.user.email:
        messages.info(request, _("Your address is confirmed already."))
    else:
        messages.error(request, _("Enter your e-mail address first."))
    return redirect(reverse("journal:profile") + "#reminders")


def tell_outcome(request, outcome, address):
    minutes = int(confirmation.RESEND_INTERVAL.total_seconds() // 60)
    names = {"address": address, "minutes": minutes}
    Outcome = confirmation.Outcome
    if outcome == Outcome.SENT:
        messages.success(
            request, _("We sent a link to %(address)s: open it to confirm the address.") % names
        )
    elif outcome == Outcome.TOO_SOON:
        messages.warning(
            request,
            ngettext(
                "No link was sent to %(address)s: one went out less than %(minutes)d minute "
                "ago. Ask again later.",
                "No link was sent to %(address)s: one went out less than %(minutes)d minutes "
                "ago. Ask again later.",
                minutes,
            )
            % names,
        )
    elif outcome == Outcome.NO_EMAIL:
        messages.error(
            request, _("E-mail is not configured on this server, so no link was sent to confirm.")
        )
    elif outcome == Outcome.FAILED:
        messages.error(
            request,
            _("The mail to confirm %(address)s could not be sent. Try again later.") % names,
        )


@login_not_required
@require_http_methods(["GET", "POST"])
def confirm_address(request, token):
    """The link in the confirmation mail: GET asks and changes nothing; POST confirms the
    address, with no login (the link proves the mailbox). A tampered, expired or stale link
    (the address changed since) is refused and changes nothing."""
    invalid = "reminders/confirm_invalid.html"
    try:
        user_id, address = confirmation.read_confirmation_token(token)
    except signing.SignatureExpired:
        context = {"expired": True, "days": confirmation.CONFIRM_LINK_LIFETIME.days}
        return render(request, invalid, context, status=400)
    except signing.BadSignature:
        return render(request, invalid, status=400)
    user = get_user_model().objects.filter(pk=user_id).select_related("profile").first()
    if user is None:
        return render(request, invalid, status=400)
    if request.method == "POST":
        state = confirmation.confirm(user, address)
    else:
        state = confirmation.link_state(user, address)
    with translation.override(user.profile.language or translation.get_language()):
        if state == confirmation.LinkState.STALE:
            return render(request, invalid, {"stale": True}, status=400)
        context = {
            "address": address,
            "name": user.get_username(),
            "done": state == confirmation.LinkState.CONFIRMED,
            "just_now": request.method == "POST",
        }
        return render(request, "reminders/confirm.html", context)


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
