import datetime
from urllib.parse import urlsplit

from django.http import QueryDict
from django.shortcuts import render
from django.urls import reverse

from .. import extensions
from ..forms import FeedFilterForm
from ..models import Entry, flag_done_plans, monday_of
from ..paging import FeedPaginator
from ..periods import quick_periods
from ..rows import row_links

ENTRIES_PER_PAGE = 20

# From a Monday to its Sunday.
ONE_WEEK = datetime.timedelta(days=6)


def feed_queryset(user, filters: dict):
    """The Feed's one query: the user's entries, filtered, newest first."""
    entries = Entry.objects.for_user(user).between(filters.get("start"), filters.get("end"))
    if filters.get("type"):
        entries = entries.filter(type=filters["type"])
    if filters.get("q"):
        entries = entries.search(filters["q"])
    return entries.order_by("-date", "-created_at")


def feed(request):
    """Entries newest first, grouped by day, with period, type and text filters."""
    form = FeedFilterForm(request.GET)
    if not form.is_valid():
        context = {"form": form, "page": None, "filtered": True, "query_string": ""}
        context["periods"] = quick_periods(request.profile.today(), request.GET)
        return render(request, "journal/feed.html", context, status=400)

    filters = form.cleaned_data
    # A day split by a page's end says so on both pages (journal/paging.py).
    paginator = FeedPaginator(feed_queryset(request.user, filters), ENTRIES_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    page.object_list = flag_done_plans(page.object_list)
    extensions.attach_links(page.object_list)
    query = request.GET.copy()
    query.pop("page", None)
    show_weeks = form.shows_weeks()
    mondays = [entry.week_start for entry in page.object_list] if show_weeks else []
    context = {
        "form": form,
        "page": page,
        "filtered": any(filters.values()),
        "show_weeks": show_weeks,
        "loaded_parts": extensions.load_parts("week", request.user, mondays),
        "query_string": query.urlencode(),
        "periods": quick_periods(request.profile.today(), request.GET),
        **row_links(),
    }
    return render(request, "journal/feed.html", context)


def feed_after_delete(user, back: str, day) -> dict | None:
    """What Feed's page at `back` shows anew once an entry of `day` is deleted there: the
    count of entries its filters find, and whether the day has any left (else its heading
    goes). None where `back` is not Feed."""
    parts = urlsplit(back)
    if parts.path != reverse("journal:feed"):
        return None
    form = FeedFilterForm(QueryDict(parts.query))
    if not form.is_valid():
        return None
    entries = feed_queryset(user, form.cleaned_data)
    monday = monday_of(day)
    return {
        "total": entries.count(),
        "filtered": any(form.cleaned_data.values()),
        "day": day,
        "day_gone": not entries.filter(date=day).exists(),
        # A week's card heads its days; with none of them left it heads nothing.
        "week_of": monday,
        "week_gone": not entries.filter(date__range=(monday, monday + ONE_WEEK)).exists(),
    }
