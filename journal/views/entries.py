from urllib.parse import parse_qs, urlsplit, urlunsplit

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import trigger_client_event

from ..forms import EntryForm
from ..models import Entry, attach_goals
from ..validation import parse_supported_date
from .today import board_context, day_url, row_links

# htmx events the pages listen to (static/js/app.js and templates/journal/today.html).
ROWS_STALE = "entry-rows-stale"  # these rows changed: re-render them where shown
ENTRIES_MOVED = "entries-moved"  # an entry changed day or type: Today reloads its lists


def get_entry_for_user(request, pk):
    """The requesting user's entry; anybody else's id is a 404, never its content."""
    entry = get_object_or_404(Entry.objects.with_done_flag(), pk=pk, user=request.user)
    attach_goals([entry])
    return entry


def page_url(request, fallback):
    """The local page an entry action came from, to go back to or to render rows for.

    An explicit ?next= wins (the forms carry it), then the page htmx reports, then the
    Referer of a plain link; anything off-site falls back to `fallback`.
    """
    candidates = [
        request.POST.get("next") or request.GET.get("next"),
        request.htmx.current_url_abs_path,
        request.headers.get("referer"),
    ]
    allowed = {"allowed_hosts": {request.get_host()}, "require_https": request.is_secure()}
    for candidate in candidates:
        if candidate and url_has_allowed_host_and_scheme(candidate, **allowed):
            parts = urlsplit(candidate)
            local = urlunsplit(("", "", parts.path, parts.query, ""))
            # Checked again once relative: a path like //evil.example/ leaves the site.
            if url_has_allowed_host_and_scheme(local, **allowed):
                return local
    return fallback


def board_day_of(request, url):
    """The day of the Today page at `url`, or None for any other page."""
    parts = urlsplit(url)
    if parts.path != reverse("journal:today"):
        return None
    try:
        return parse_supported_date(parse_qs(parts.query).get("date", [""])[0])
    except ValidationError:  # that page shows today, or says the day is not one it keeps
        return request.profile.today()


def row_context(request, entry):
    """What an entry row needs when it is rendered alone, as on the page it came from."""
    back = page_url(request, day_url(entry.date))
    return {
        "entry": entry,
        "entries": [entry],
        "next": back,
        **row_links(board_day_of(request, back)),
    }


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
    """One entry as a row: to cancel an in-place edit, or to refresh a row that changed."""
    entry = get_entry_for_user(request, pk)
    if not request.htmx:
        return redirect(day_url(entry.date))
    return render(request, "journal/includes/entry.html#entry-rows", row_context(request, entry))


@require_http_methods(["GET", "POST"])
def entry_edit(request, pk):
    entry = get_entry_for_user(request, pk)
    context = row_context(request, entry)
    before = (entry.date, entry.type)
    form = EntryForm(
        request.POST if request.method == "POST" else None,
        instance=entry,
        user=request.user,
        auto_id=f"id_{entry.pk}_%s",  # several rows may be in edit mode at once
    )
    if request.method == "POST" and form.is_valid():
        entry = form.save()
        if not request.htmx:
            return redirect(context["next"])
        entry = get_entry_for_user(request, pk)
        context.update(entry=entry, entries=[entry])
        response = render(request, "journal/includes/entry.html#entry-rows", context)
        if context["board_day"] and (entry.date, entry.type) != before:
            # On Today the row now belongs to another day or column.
            trigger_client_event(response, ENTRIES_MOVED)
        return response

    context["form"] = form
    status = 422 if form.is_bound else 200
    if request.htmx:
        return render(
            request, "journal/includes/entry.html#entry-edit-form", context, status=status
        )
    return render(request, "journal/entry_edit.html", context, status=status)


@require_http_methods(["GET", "POST"])
def entry_delete(request, pk):
    entry = get_entry_for_user(request, pk)
    back = page_url(request, day_url(entry.date))
    if request.method == "GET":
        return render(request, "journal/entry_delete.html", {"entry": entry, "next": back})
    fulfilled_plan_id = entry.fulfils_plan_id
    entry.delete()
    if not request.htmx:
        return redirect(back)
    response = HttpResponse("")
    if fulfilled_plan_id:
        # The plan this fact fulfilled is open again: its row loses the "done" mark.
        trigger_client_event(response, ROWS_STALE, {"ids": [str(fulfilled_plan_id)]})
    return response
