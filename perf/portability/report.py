"""What an import says: what it brought, or the fault that stopped it."""

import dataclasses
from collections import Counter

from ..import_runs import unfinished_summaries


class JournalFileError(ValueError):
    """The file cannot be imported; the message names the line or record at fault."""


@dataclasses.dataclass
class ImportReport:
    kind: str
    created: Counter = dataclasses.field(default_factory=Counter)
    existing: Counter = dataclasses.field(default_factory=Counter)
    skipped_files: list = dataclasses.field(default_factory=list)
    # Summaries and weekly summaries the file holds half-written, imported as failed.
    unfinished: int = 0

    KINDS = ["entries", "goals", "perf summaries", "weekly summaries", "review forms"]

    def __str__(self):
        def counts(counter):
            named = [f"{name}: {counter[name]}" for name in self.KINDS if counter[name]]
            return ", ".join(named) or "nothing"

        lines = [f"Imported from {self.kind}: {counts(self.created)}."]
        if sum(self.existing.values()):
            lines.append(f"Already there, left as they were: {counts(self.existing)}.")
        if self.skipped_files:
            lines.append(
                "Not daily notes (not named YYYY-MM-DD.md), skipped: "
                + ", ".join(self.skipped_files)
            )
        if self.unfinished:
            lines.append(unfinished_summaries(self.unfinished))
        return "\n".join(lines)
