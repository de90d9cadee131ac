"""Feed's pages: Django's pages of so many entries, each knowing whether its first day
began on the page before ("continued" on its heading) and whether its last day goes on
to the next page, so that a split day is never shown as two days of the same name.

Not pages of whole days: those need the entries of every day counted (a GROUP BY over the
whole journal) where Django's Paginator counts them in one COUNT(*). SQLite read the
3,650 days of a ten-year journal in 15 ms against 2.7 for the count (20k entries,
2026-12-01), and Feed page 1 went from p50 15 to 38 ms, 8.7x the floor (bench/pages.py;
its target is 3x). Here the page's own query reads one entry either side instead: no
query more, two rows more."""

from django.core.paginator import Page, Paginator


class FeedPaginator(Paginator):
    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = min(bottom + self.per_page, self.count)
        before = 1 if bottom else 0
        rows = list(self.object_list[bottom - before : top + 1]) if self.count else []
        entries = rows[before : before + top - bottom]
        page = Page(entries, number, self)
        page.continued = bool(before and entries and rows[0].date == entries[0].date)
        after = rows[before + len(entries) :]
        page.continues = bool(after and entries and after[0].date == entries[-1].date)
        return page
