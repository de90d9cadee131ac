"""Review forms: the built-ins to copy, and the user's own to add, edit, reorder, copy and
delete. The questions are edited as the text they were pasted as."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ..form_editing import ReviewFormForm
from ..form_model import ReviewForm
from ..review_forms import (
    NameTaken,
    copy_form,
    create_form,
    find_form,
    forms_for,
    move_form,
    parse_pasted,
    questions_as_text,
    update_form,
)


def get_form_for_user(request, pk) -> ReviewForm:
    """The requesting user's review form; anybody else's id is a 404."""
    return get_object_or_404(ReviewForm, pk=pk, user=request.user)


def _choices(request):
    return forms_for(request.user, get_language(), request.profile.role)


def form_list(request):
    """The built-in forms, then the user's own, in their order."""
    choices = _choices(request)
    context = {
        "builtins": [choice for choice in choices if choice.builtin],
        "own": [choice for choice in choices if not choice.builtin],
        "role": request.profile.get_role_display(),
    }
    if request.htmx and request.htmx.target == "my-forms":
        return render(request, "perf/form_list.html#my-forms", context)
    return render(request, "perf/form_list.html", context)


def _preview(form):
    """The questions recognised in the pasted text, or why they are not, for the preview."""
    try:
        return {"questions": parse_pasted(form.data.get("questions", ""))}
    except ValidationError as error:
        return {"error": " ".join(error.messages)}


def _edit_page(request, form, review_form=None):
    """The new or edit page: a plain POST with "preview" shows what was recognised and
    saves nothing."""
    bound = form.is_bound
    previewing = bound and "preview" in request.POST
    context = {
        "form": form,
        "review_form": review_form,
        "preview": _preview(form) if previewing else None,
    }
    status = 422 if bound and not previewing else 200
    return render(request, "perf/form_edit.html", context, status=status)


@require_http_methods(["GET", "POST"])
def form_new(request):
    form = ReviewFormForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and "preview" not in request.POST and form.is_valid():
        try:
            made = create_form(request.user, **form.cleaned_data)
        except NameTaken as taken:  # the same name saved meanwhile, from another tab
            form.add_error("name", str(taken))
        else:
            messages.success(request, _("The form “%(name)s” is saved.") % {"name": made.name})
            return redirect("perf:form-list")
    return _edit_page(request, form)


@require_http_methods(["GET", "POST"])
def form_edit(request, pk):
    review_form = get_form_for_user(request, pk)
    initial = {
        "name": review_form.name,
        "questions": questions_as_text(review_form.questions),
    }
    form = ReviewFormForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        user=request.user,
        instance=review_form,
    )
    if request.method == "POST" and "preview" not in request.POST and form.is_valid():
        try:
            update_form(review_form, **form.cleaned_data)
        except NameTaken as taken:  # the same name saved meanwhile, from another tab
            form.add_error("name", str(taken))
        else:
            messages.success(
                request, _("The form “%(name)s” is saved.") % {"name": review_form.name}
            )
            return redirect("perf:form-list")
    return _edit_page(request, form, review_form)


@require_POST
def form_preview(request):
    """The htmx preview under the textarea: what the pasted text is read as. Writes nothing."""
    form = ReviewFormForm(request.POST, user=request.user)
    return render(request, "perf/form_edit.html#preview", {"preview": _preview(form)})


@require_POST
def form_copy(request, key):
    """A copy of a built-in (by its key) or of one of the user's forms (by its id)."""
    choice = find_form(request.user, key, get_language(), request.profile.role)
    if choice is None:
        raise Http404
    if not choice.questions:
        messages.error(
            request,
            _("“%(name)s” is the summary's own shape, not a list of questions: it has nothing "
              "to copy.") % {"name": choice.name},
        )  # fmt: skip
        return redirect("perf:form-list")
    made = copy_form(request.user, choice)
    messages.success(
        request,
        _("“%(copy)s” is among your forms: edit it to fit your company's.") % {"copy": made.name},
    )
    return redirect("perf:form-edit", pk=made.pk)


@require_POST
def form_move(request, pk, direction):
    if direction not in ("up", "down"):
        raise Http404
    move_form(get_form_for_user(request, pk), -1 if direction == "up" else 1)
    if request.htmx:
        return form_list(request)
    return redirect("perf:form-list")


@require_http_methods(["GET", "POST"])
def form_delete(request, pk):
    """GET says what deleting the form does; POST deletes it."""
    review_form = get_form_for_user(request, pk)
    if request.method == "POST":
        name = review_form.name
        review_form.delete()
        messages.success(request, _("The form “%(name)s” is deleted.") % {"name": name})
        return redirect("perf:form-list")
    return render(request, "perf/form_delete.html", {"review_form": review_form})
