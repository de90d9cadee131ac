from urllib.parse import urlsplit

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import trigger_client_event

from ..extensions import attach_links
from ..forms import EntryForm
from ..models import Entry
from ..rows import day_url, page_url, row_context, week_card_on
from ..undo import UNDO_SECONDS, UndoRefused, delete_entry, restore_entry
from .feed import feed_after_delete
from .today import board_context

# htmx events the pages listen to (static/js/app.js and templates/journal/today.html).
ROWS_STALE = "entry-rows-stale"  # these rows changed: re-render them where shown
ENTRIES_MOVED = "entries-moved"  # an entry changed day or type: Today reloads its lists


def get_entry_for_user(request, pk):
    """The requesting user's entry; anybody else's id is a 404, never its content."""
    entry = get_object_or_404(Entry.objects.with_done_flag(), pk=pk, user=request.user)
    attach_links([entry])
    return entry


@require_POST
def entry_create(request):
    """Add a plan or a fact from Today; htmx gets the refreshed board back."""
    form = EntryForm(request.POST, user=request.user)
    if form.is_valid():
        entry = form.save()
        if request.htmx:
            context = board_context(request, entry.date)
            context["week_card"] = context["week_start"]  # its card now counts this entry
            return render(request, "journal/today.html#board", context)
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
        context["week_card"] = week_card_on(request, context["next"], before[0])
        response = render(request, "journal/includes/entry.html#edited-row", context)
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
    """Delete, and offer Undo: in place under htmx (the row goes, Feed's count and an
    emptied day heading follow out of band), else on a page of its own."""
    entry = get_entry_for_user(request, pk)
    back = page_url(request, day_url(entry.date))
    if request.method == "GET":
        return render(request, "journal/entry_delete.html", {"entry": entry, "next": back})
    fulfilled_plan_id = entry.fulfils_plan_id
    undo = {"token": delete_entry(entry), "next": back, "seconds": UNDO_SECONDS}
    if not request.htmx:
        # A page rather than a redirect: the token (up to a few kilobytes) is too long for
        # a URL, and keeping it server-side for the next page would write per delete.
        return render(request, "journal/entry_delete.html", {"undo": undo, "next": back})
    feed = feed_after_delete(request.user, back, entry.date)
    context = {"undo": undo, "feed": feed}
    if not (feed and feed["week_gone"]):  # else the card goes with the week's last day
        context["week_card"] = week_card_on(request, back, entry.date)
    response = render(request, "journal/includes/undo.html#deleted", context)
    if fulfilled_plan_id:
        # The plan this fact fulfilled is open again: its row loses the "done" mark.
        trigger_client_event(response, ROWS_STALE, {"ids": [str(fulfilled_plan_id)]})
    return response


@require_POST
def entry_undo(request):
    """Bring back the entry a delete's token describes, into the requesting user's journal
    only. htmx gets the status line, and the page's lists reload (Today's and Feed's listen
    for ENTRIES_MOVED; any other page reloads); a plain post goes back to its page."""
    back = page_url(request, reverse("journal:feed"))
    try:
        restore_entry(request.user, request.POST.get("token", ""))
    except UndoRefused as why:
        message, refused = str(why), True
    else:
        message, refused = _("Entry restored."), False
    if not request.htmx:
        (messages.error if refused else messages.success)(request, message)
        return redirect(back)
    context = {"message": message, "refused": refused}
    response = render(request, "journal/includes/undo.html#undone", context)
    if not refused:
        if urlsplit(back).path in (reverse("journal:today"), reverse("journal:feed")):
            trigger_client_event(response, ENTRIES_MOVED)
        else:
            response["HX-Refresh"] = "true"
    return response
