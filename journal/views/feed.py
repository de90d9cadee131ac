import datetime
from urllib.parse import urlsplit

from django.http import QueryDict
from django.shortcuts import render
from django.urls import reverse

from .. import extensions, paging
from ..forms import FeedFilterForm
from ..models import Entry, flag_done_plans, monday_of
from ..periods import quick_periods
from ..rows import row_links
from ..search import UserSearch

ENTRIES_PER_PAGE = 20
# A filtered view's count stops here ("more than 1,000 entries").
COUNT_LIMIT = 1000

# From a Monday to its Sunday.
ONE_WEEK = datetime.timedelta(days=6)


def feed_queryset(user, filters: dict):
    """The Feed's one query: the user's entries, filtered (ordered by its pages), and the
    search it holds, if any."""
    search = UserSearch(user, filters["q"]) if filters.get("q") else None
    entries = search.entries(Entry.objects.all()) if search else Entry.objects.for_user(user)
    entries = entries.between(filters.get("start"), filters.get("end"))
    if filters.get("type"):
        entries = entries.filter(type=filters["type"])
    return entries, search


def count_up_to(entries, filters: dict, search) -> int | None:
    """How many entries a filtered view finds, counted no further than COUNT_LIMIT + 1 (a
    count that read the whole journal would grow with it); None for the whole journal. A
    search alone was counted by the index already (journal/search.py)."""
    if not any(filters.values()):
        return None
    only_searched = not any(v for k, v in filters.items() if k != "q")
    counted = search.matches if only_searched and search else None
    if counted is not None and (counted <= UserSearch.DENSE or COUNT_LIMIT <= UserSearch.DENSE):
        return min(counted, COUNT_LIMIT + 1)
    return entries.order_by()[: COUNT_LIMIT + 1].count()


def feed_page(entries, cleaned):
    if cleaned.get("before"):
        return paging.page_older_than(entries, cleaned["before"], ENTRIES_PER_PAGE)
    if cleaned.get("after"):
        return paging.page_newer_than(entries, cleaned["after"], ENTRIES_PER_PAGE)
    if cleaned.get("day"):
        return paging.page_from_day(entries, cleaned["day"], ENTRIES_PER_PAGE)
    return paging.first_page(entries, ENTRIES_PER_PAGE)


def feed(request):
    """Entries newest first, grouped by day, with period, type and text filters."""
    form = FeedFilterForm(request.GET)
    if not form.is_valid():
        context = {"form": form, "page": None, "filtered": True, "query_string": ""}
        context["periods"] = quick_periods(request.profile.today(), request.GET)
        return render(request, "journal/feed.html", context, status=400)

    filters = form.filters()
    entries, search = feed_queryset(request.user, filters)
    page = feed_page(entries, form.cleaned_data)
    page.object_list = flag_done_plans(page.object_list)
    extensions.attach_links(page.object_list)
    query = paging.without_position(request.GET)
    show_weeks = form.shows_weeks()
    mondays = [entry.week_start for entry in page.object_list] if show_weeks else []
    context = {
        "form": form,
        "page": page,
        "filtered": any(filters.values()),
        # Counted for a filtered view only: Feed itself says where it stands by its days.
        "total": count_up_to(entries, filters, search),
        "count_limit": COUNT_LIMIT,
        "empty": not page.object_list,
        "show_weeks": show_weeks,
        "loaded_parts": extensions.load_parts("week", request.user, mondays),
        "query_string": query.urlencode(),
        "jump_fields": [(name, value) for name, values in query.lists() for value in values],
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
    filters = form.filters()
    entries, search = feed_queryset(user, filters)
    monday = monday_of(day)
    return {
        "total": count_up_to(entries, filters, search),
        "count_limit": COUNT_LIMIT,
        "empty": not entries.exists(),
        "filtered": any(filters.values()),
        "day": day,
        "day_gone": not entries.filter(date=day).exists(),
        # A week's card heads its days; with none of them left it heads nothing.
        "week_of": monday,
        "week_gone": not entries.filter(date__range=(monday, monday + ONE_WEEK)).exists(),
    }
