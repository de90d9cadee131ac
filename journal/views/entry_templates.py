"""The user's own entry templates, in Settings: add, edit, delete."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ..entry_templates import lock_templates_of
from ..forms import EntryTemplateForm
from ..models import EntryTemplate
from .account import profile_context


def settings_section_url():
    return reverse("journal:profile") + "#entry-templates"


@require_POST
def entry_template_create(request):
    with transaction.atomic():
        # Checked and saved under the lock: the limit holds for two adds at once.
        lock_templates_of(request.user)
        form = EntryTemplateForm(request.POST, user=request.user, auto_id="template_%s")
        template = form.save() if form.is_valid() else None
    if template is None:
        context = profile_context(request, template_form=form)
        return render(request, "registration/profile.html", context, status=422)
    messages.success(
        request, _("The template “%(name)s” is added: Today offers it.") % {"name": template.name}
    )
    return redirect(settings_section_url())


@require_http_methods(["GET", "POST"])
def entry_template_edit(request, pk):
    template = get_object_or_404(EntryTemplate, pk=pk, user=request.user)
    name = template.name  # the form sets the instance's fields as it cleans them
    form = EntryTemplateForm(
        request.POST if request.method == "POST" else None, instance=template, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The template “%(name)s” is saved.") % {"name": template.name})
        return redirect(settings_section_url())
    status = 422 if form.is_bound else 200
    return render(
        request,
        "registration/entry_template_edit.html",
        {"form": form, "name": name, "back": settings_section_url()},
        status=status,
    )


@require_POST
def entry_template_delete(request, pk):
    template = get_object_or_404(EntryTemplate, pk=pk, user=request.user)
    template.delete()
    messages.success(request, _("The template “%(name)s” is deleted.") % {"name": template.name})
    return redirect(settings_section_url())
