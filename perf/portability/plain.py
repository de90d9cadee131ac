"""Plain entries, as jrnl and daily notes bring them: a day, a type and a text each."""

import dataclasses
import datetime
from collections import Counter

from journal.models import Entry
from journal.search import normalize_for_search

from ..services.weeks import mark_stale
from ..signals import link_tagged
from .report import ImportReport


@dataclasses.dataclass(frozen=True)
class NewEntry:
    date: datetime.date
    type: str
    text: str


class PlainEntries:
    kind = ""

    def __init__(self, entries: list[NewEntry], skipped_files=()):
        self.entries = entries
        self.skipped_files = list(skipped_files)

    def write(self, user) -> ImportReport:
        """Add each entry unless the user has one of that day, type and text already."""
        report = ImportReport(self.kind, skipped_files=self.skipped_files)
        # Counted, not just seen: a note may say the same thing twice in a day, and both stay.
        known = Counter(Entry.objects.filter(user=user).values_list("date", "type", "text"))
        created = []
        for new in self.entries:
            key = (new.date, new.type, new.text)
            if known[key]:
                known[key] -= 1
                report.existing["entries"] += 1
                continue
            created.append(
                Entry(
                    user=user, date=new.date, type=new.type, text=new.text,
                    search_text=normalize_for_search(new.text),
                )
            )  # fmt: skip
        # In bulk, then what saving each would do (perf.signals): #tags link goals, and
        # weekly summaries go stale. Row by row, 100,000 entries held SQLite's write lock
        # for 158 s, past the 60 s other writes wait (SQLITE_BUSY_TIMEOUT).
        Entry.objects.bulk_create(created, batch_size=2000)
        link_tagged(user.pk, created)
        mark_stale(user.pk, *{entry.date for entry in created})
        report.created["entries"] += len(created)
        return report
