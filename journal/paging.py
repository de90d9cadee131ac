"""Feed's pages of whole days: a day never continues on the next page under its heading
again. Days are packed newest first into pages of at most `per_page` entries; a day with
more than that is a page of its own.

Two queries, as Django's Paginator makes: the entries per day (instead of the count) and
the page's days (a date range instead of LIMIT/OFFSET, which also spares a deep page the
scan of every row before it)."""

import functools

from django.core.paginator import Page, Paginator
from django.db.models import Count


class DayPaginator(Paginator):
    @functools.cached_property
    def pages(self) -> list[tuple]:
        """(newest day, oldest day, entries) of each page."""
        per_day = (
            self.object_list.order_by()
            .values_list("date")
            .annotate(n=Count("pk"))
            .order_by("-date")
        )
        pages = []
        newest = oldest = None
        count = 0
        for day, n in per_day:
            if newest is not None and count + n > self.per_page:
                pages.append((newest, oldest, count))
                newest, count = None, 0
            if newest is None:
                newest = day
            oldest = day
            count += n
        if newest is not None:
            pages.append((newest, oldest, count))
        return pages

    @functools.cached_property
    def count(self):
        return sum(n for _, _, n in self.pages)

    @functools.cached_property
    def num_pages(self):
        return max(len(self.pages), 1)

    def page(self, number):
        number = self.validate_number(number)
        if not self.pages:
            return Page(self.object_list.none(), number, self)
        newest, oldest, _ = self.pages[number - 1]
        return Page(self.object_list.filter(date__range=(oldest, newest)), number, self)
