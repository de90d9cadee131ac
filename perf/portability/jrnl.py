"""The JSON of `jrnl --export json`."""

from pydantic import ValidationError

from journal.models import EntryType

from .plain import NewEntry, PlainEntries
from .problems import jrnl_fault
from .records import JrnlFile
from .report import JournalFileError


class JrnlExport(PlainEntries):
    """`jrnl --export json`: each entry's title and body become one fact of its day (jrnl
    has no plans); its tags stay in the text, so #tags of your goals link them."""

    kind = "jrnl"

    @classmethod
    def read(cls, data: dict):
        try:
            file = JrnlFile.model_validate(data)
        except ValidationError as error:
            raise JournalFileError(jrnl_fault(error)) from None
        return cls([NewEntry(entry.date, EntryType.FACT, entry.text) for entry in file.entries])
