"""The JSON of `jrnl --export json`."""

import datetime

from journal.models import EntryType

from .checks import check_day, check_text
from .plain import NewEntry, PlainEntries
from .report import JournalFileError


class JrnlExport(PlainEntries):
    """`jrnl --export json`: each entry's title and body become one fact of its day (jrnl
    has no plans); its tags stay in the text, so #tags of your goals link them."""

    kind = "jrnl"

    @classmethod
    def read(cls, data: dict):
        entries = []
        for index, record in enumerate(data["entries"]):
            where = f"entries[{index}]"
            if not isinstance(record, dict):
                raise JournalFileError(f"{where}: an entry must be an object.")
            title, body = record.get("title", ""), record.get("body", "")
            if not isinstance(title, str) or not isinstance(body, str):
                raise JournalFileError(f"{where}: title and body must be text.")
            try:
                if not str(record.get("date")).isascii():  # ２０２６ reads as 2026
                    raise ValueError
                day = datetime.date.fromisoformat(str(record.get("date")))
            except ValueError:
                raise JournalFileError(
                    f"{where}: date “{record.get('date')}” is not a calendar day as YYYY-MM-DD."
                ) from None
            check_day(day, f"{where}: date")
            # jrnl splits an entry into its first sentence and the rest; the rest holds a
            # line break only when the entry had lines of its own.
            joint = "\n" if "\n" in body.strip() else " "
            text = joint.join(part for part in (title.strip(), body.strip()) if part)
            if not text:
                raise JournalFileError(f"{where}: the entry has no text.")
            check_text(text, where)
            entries.append(NewEntry(day, EntryType.FACT, text, where))
        return cls(entries)
