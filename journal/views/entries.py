from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import trigger_client_event

from ..forms import EntryForm
from ..models import Entry
from .today import board_context, day_url

ENTRIES_CHANGED = "entries-changed"


def get_entry_for_user(request, pk):
    """The requesting user's entry; anybody else's id is a 404, never its content."""
    return get_object_or_404(Entry.objects.with_done_flag(), pk=pk, user=request.user)


def next_url(request, fallback):
    """Where to go back after a plain form post: a local URL from ?next=, else `fallback`."""
    candidate = request.POST.get("next") or request.GET.get("next")
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return fallback


@require_POST
def entry_create(request):
    """Add a plan or a fact from Today; htmx gets the refreshed board back."""
    form = EntryForm(request.POST, user=request.user)
    if form.is_valid():
        entry = form.save()
        if request.htmx:
            return render(request, "journal/today.html#board", board_context(request, entry.date))
        return redirect(day_url(entry.date))

    day = form.cleaned_data.get("date") or request.profile.today()
    forms = {"fact_form" if request.POST.get("type") == "fact" else "plan_form": form}
    context = board_context(request, day, **forms)
    template = "journal/today.html#board" if request.htmx else "journal/today.html"
    return render(request, template, context, status=422)


@require_GET
def entry_row(request, pk):
    """One entry as a row, used to cancel an in-place edit."""
    entry = get_entry_for_user(request, pk)
    if not request.htmx:
        return redirect(day_url(entry.date))
    return render(
        request,
        "journal/includes/entry.html#entry-row",
        {"entry": entry, "next": next_url(request, day_url(entry.date))},
    )


@require_http_methods(["GET", "POST"])
def entry_edit(request, pk):
    entry = get_entry_for_user(request, pk)
    back = next_url(request, day_url(entry.date))
    form = EntryForm(request.POST or None, instance=entry, user=request.user)
    if request.method == "POST" and form.is_valid():
        entry = form.save()
        if request.htmx:
            entry = get_entry_for_user(request, pk)
            response = render(
                request, "journal/includes/entry.html#entry-row", {"entry": entry, "next": back}
            )
            return trigger_client_event(response, ENTRIES_CHANGED)
        return redirect(back)

    context = {"entry": entry, "form": form, "next": back}
    status = 422 if form.is_bound else 200
    if request.htmx:
        return render(request, "journal/includes/entry.html#entry-edit-form", context, status=status)
    return render(request, "journal/entry_edit.html", context, status=status)


@require_http_methods(["GET", "POST"])
def entry_delete(request, pk):
    entry = get_entry_for_user(request, pk)
    back = next_url(request, day_url(entry.date))
    if request.method == "GET":
        return render(request, "journal/entry_delete.html", {"entry": entry, "next": back})
    entry.delete()
    if request.htmx:
        return trigger_client_event(HttpResponse(""), ENTRIES_CHANGED)
    return redirect(back)
