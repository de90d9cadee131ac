"""What an entry row needs wherever it is shown (Today, Feed, a goal's page, perf's polish
fragment): the page it came from, the Today day its "Done" makes a fact for, and its labels.
Shared from here, not from a view module, so that perf builds on journal's parts, not its
views."""

import datetime
from urllib.parse import parse_qs, urlsplit, urlunsplit

from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext_lazy

from .forms import FeedFilterForm
from .models import monday_of
from .validation import parse_supported_date


def day_url(day: datetime.date) -> str:
    return f"{reverse('journal:today')}?{urlencode({'date': day.isoformat()})}"


ROW_LABELS = {
    "plan": gettext_lazy("Plan"),
    "fact": gettext_lazy("Fact"),
    "edit": gettext_lazy("Edit"),
    "delete": gettext_lazy("Delete"),
    "done": gettext_lazy("Done"),
    "is_done": gettext_lazy("done"),
    "is_done_title": gettext_lazy("A fact records this plan as done"),
}


def row_links(board_day: datetime.date | None = None) -> dict:
    """What entry rows share on a page, computed once rather than per row (rows are most of
    Today's and Feed's rendering time): on Today the day their "Done" makes a fact for,
    and their labels, translated once."""
    return {
        "board_day": board_day,
        "board_url": day_url(board_day) if board_day else "",
        "row_labels": {name: str(label) for name, label in ROW_LABELS.items()},
    }


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


def week_card_on(request, url, day) -> datetime.date | None:
    """The Monday of `day`'s week where the page at `url` shows that week's card, so that a
    response changing the week sends the card again (journal/includes/week_card_oob.html):
    Feed heads each week it lists with its card, but not search results or a list of one
    type; Today shows the card of its own day's week. None for any other page or week."""
    monday = monday_of(day)
    parts = urlsplit(url)
    if parts.path == reverse("journal:feed"):
        filters = FeedFilterForm(QueryDict(parts.query))
        return monday if filters.is_valid() and filters.shows_weeks() else None
    board_day = board_day_of(request, url)
    return monday if board_day and monday_of(board_day) == monday else None


def row_context(request, entry):
    """What an entry row needs when it is rendered alone, as on the page it came from."""
    back = page_url(request, day_url(entry.date))
    return {
        "entry": entry,
        "entries": [entry],
        "next": back,
        **row_links(board_day_of(request, back)),
    }
