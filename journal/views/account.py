from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.messages.views import SuccessMessageMixin
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods, require_POST

from ..entry_templates import built_in_templates
from ..forms import ApiTokenForm, EntryTemplateForm, FirstAccountForm, ProfileForm
from ..login_throttle import seconds_to_wait
from ..middleware import activate_profile_language
from ..models import ApiToken, EntryTemplate
from ..services import AccountsAlreadyExist, create_first_account, first_run_needed


@method_decorator(login_not_required, name="dispatch")
class LoginView(auth_views.LoginView):
    """Django's login, which sends a brand-new install to create its first account, and
    slows repeated wrong passwords down before django-axes locks them out."""

    redirect_authenticated_user = True

    def dispatch(self, request, *args, **kwargs):
        if first_run_needed():
            return redirect("journal:setup")
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        username = request.POST.get("username", "")
        wait = seconds_to_wait(request, username)
        if wait:
            # Unbound: validating the form would try the password, which must wait too.
            form = self.form_class(request, initial={"username": username})
            message = ngettext(
                "Too many wrong passwords: wait %(seconds)d second before trying again.",
                "Too many wrong passwords: wait %(seconds)d seconds before trying again.",
                wait,
            ) % {"seconds": wait}
            context = self.get_context_data(form=form, wait_message=message)
            response = self.render_to_response(context, status=429)
            response["Retry-After"] = str(wait)
            return response
        return super().post(request, *args, **kwargs)


@login_not_required
@require_http_methods(["GET", "POST"])
def setup(request):
    """The one-time "create your account" page; gone once any user exists."""
    if not first_run_needed():
        raise Http404
    form = FirstAccountForm(
        request.POST if request.method == "POST" else None,
        initial={"time_zone": settings.TIME_ZONE},
    )
    if request.method == "POST" and form.is_valid():
        try:
            user = create_first_account(
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password1"],
                role=form.cleaned_data["role"],
                language=form.cleaned_data["language"],
                time_zone=form.cleaned_data["time_zone"],
            )
        except AccountsAlreadyExist:
            raise Http404 from None
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        activate_profile_language(request, user.profile)
        messages.success(request, _("Welcome to Perf Assist. Write your first plan for today."))
        return redirect("journal:today")
    status = 422 if form.is_bound else 200
    return render(request, "registration/setup.html", {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
def profile(request):
    form = ProfileForm(request.POST if request.method == "POST" else None, instance=request.profile)
    if request.method == "POST" and form.is_valid():
        activate_profile_language(request, form.save())
        messages.success(request, _("Your settings are saved."))
        return redirect("journal:profile")
    status = 422 if form.is_bound else 200
    return render(
        request, "registration/profile.html", profile_context(request, form), status=status
    )


def profile_context(request, form=None, **extra):
    return {
        "form": form or ProfileForm(instance=request.profile),
        "token_form": extra.pop("token_form", None) or ApiTokenForm(),
        "tokens": ApiToken.objects.filter(user=request.user),
        # Entry templates (journal/views/entry_templates.py): the user's own, and a new one.
        "entry_templates": EntryTemplate.objects.filter(user=request.user),
        "template_form": extra.pop("template_form", None)
        or EntryTemplateForm(user=request.user, auto_id="template_%s"),
        "built_in_templates": built_in_templates(),
        "max_templates": EntryTemplate.MAX_PER_USER,
        **extra,
    }


@require_POST
def api_token_create(request):
    """Make a personal API token; it is shown on this one page, never again."""
    token_form = ApiTokenForm(request.POST)
    if not token_form.is_valid():
        context = profile_context(request, token_form=token_form)
        return render(request, "registration/profile.html", context, status=422)
    record, token = ApiToken.issue(request.user, token_form.cleaned_data["name"])
    context = profile_context(request, new_token=token, new_token_record=record)
    return render(request, "registration/profile.html", context)


@require_POST
def api_token_revoke(request, pk):
    token = get_object_or_404(ApiToken.objects.active(), pk=pk, user=request.user)
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    messages.success(request, _("The token “%(name)s” no longer works.") % {"name": token.name})
    return redirect(reverse("journal:profile") + "#api-tokens")


class PasswordChangeView(SuccessMessageMixin, auth_views.PasswordChangeView):
    success_url = reverse_lazy("journal:profile")
    success_message = gettext_lazy("Your password is changed.")
