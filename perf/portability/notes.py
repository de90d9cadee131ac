"""A folder of Markdown daily notes, as Obsidian keeps them."""

import datetime
import os
import re
from pathlib import Path

from django.utils.translation import gettext as _
from pydantic import ValidationError

from journal.models import EntryType
from journal.validation import has_visible_character

from .files import read_regular_file, refused_link
from .plain import NewEntry, PlainEntries
from .problems import note_fault
from .records import NOTE_DAY, DailyNote
from .report import JournalFileError

DAILY_NOTE = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})\.md$", re.IGNORECASE)
HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*\s*$")
PLAN_HEADING = re.compile(r"^(plans?|планы?)\b", re.IGNORECASE)
LIST_MARKER = re.compile(r"^(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?")
RULE = re.compile(r"^(?:-{3,}|\*{3,}|_{3,})$")


class DailyNotes(PlainEntries):
    """A folder of YYYY-MM-DD.md files. Each line is an entry: a plan under a heading that
    starts with "Plan" ("Plans", "План", "Планы"), else a fact. Indented lines continue the
    entry above them. Front matter, headings and rules are not entries."""

    kind = "daily notes"

    @classmethod
    def read(cls, folder: Path):
        """The notes of the folder and its sub-folders, but not those starting with a dot
        (.obsidian, .trash). A link, to a file or a folder, is refused rather than followed:
        a shared or synced vault could otherwise make the import read any file the server
        can (`2026-11-05.md -> /etc/passwd`)."""
        root = folder.resolve()

        def unreadable(error):
            name = Path(error.filename).relative_to(root) if error.filename else folder
            raise JournalFileError(
                _("%(name)s: cannot be read (%(reason)s).")
                % {"name": name, "reason": error.strerror}
            )

        files = []
        # os.walk lists a link to a folder among the folders and never enters it.
        for top, folders, names in os.walk(root, onerror=unreadable):
            folders[:] = [name for name in folders if not name.startswith(".")]
            for name in folders:
                if os.path.islink(os.path.join(top, name)):
                    raise JournalFileError(refused_link(cls.name_in(root, top, name)))
            for name in names:
                if name.startswith(".") or not name.lower().endswith(".md"):
                    continue
                path = Path(top, name)
                if path.is_symlink():
                    raise JournalFileError(refused_link(cls.name_in(root, top, name)))
                if not path.resolve().is_relative_to(root):
                    raise JournalFileError(
                        _("%(name)s is outside the folder being imported; it is not read.")
                        % {"name": cls.name_in(root, top, name)}
                    )
                files.append(path)
        return cls.read_files(sorted(files), base=root)

    @staticmethod
    def name_in(root: Path, top: str, name: str) -> str:
        return str(Path(top, name).relative_to(root))

    @classmethod
    def read_files(cls, files, *, base: Path):
        entries, skipped = [], []
        for path in files:
            name = str(path.relative_to(base))
            match = DAILY_NOTE.match(path.name)
            if not match:
                skipped.append(name)
                continue
            try:
                day = datetime.date(*map(int, match.groups()))
            except ValueError:
                raise JournalFileError(
                    _("%(name)s: %(day)s is not a real day.") % {"name": name, "day": path.stem}
                ) from None
            try:
                NOTE_DAY.validate_python(day)
            except ValidationError as error:
                raise JournalFileError(note_fault(error, {"name": name})) from None
            try:
                # utf-8-sig: a byte order mark, as some editors write, is not text of the note.
                text = read_regular_file(path, name).decode("utf-8-sig")
            except UnicodeDecodeError:
                raise JournalFileError(_("%(file)s: not UTF-8 text.") % {"file": name}) from None
            note = {"name": name, "day": day, "entries": cls.parse(text, name)}
            try:
                checked = DailyNote.model_validate(note)
            except ValidationError as error:
                raise JournalFileError(note_fault(error, note)) from None
            entries += [NewEntry(day, line.type, line.text) for line in checked.entries]
        return cls(entries, skipped)

    @staticmethod
    def parse(text: str, name: str) -> list[dict]:
        """The note's entries, each with its type and the line it starts on."""
        lines = text.splitlines()
        start = 0
        if lines and lines[0].strip() == "---":  # YAML front matter
            closing = next(
                (i for i, line in enumerate(lines[1:], 1) if line.strip() == "---"), None
            )
            if closing is None:
                raise JournalFileError(
                    _("%(name)s, line 1: the front matter is never closed by ---.") % {"name": name}
                )
            start = closing + 1
        found: list[tuple[str, list[str], int]] = []  # type, lines, first line number
        kind, current = EntryType.FACT, None
        for number, line in enumerate(lines[start:], start + 1):
            stripped = line.strip()
            if not stripped or RULE.match(stripped):
                current = None
                continue
            if heading := HEADING.match(stripped):
                is_plan = PLAN_HEADING.match(heading.group(1))
                kind, current = (EntryType.PLAN if is_plan else EntryType.FACT), None
                continue
            if line[:1].isspace() and current is not None:
                current[1].append(stripped)
                continue
            current = (kind, [LIST_MARKER.sub("", stripped)], number)
            found.append(current)
        entries = []
        for kind, parts, number in found:
            text = "\n".join(parts).strip()
            if not has_visible_character(text):
                # An empty list item or checkbox, or a line of only zero-width marks: what a
                # reader of the note sees as a blank line is not an entry.
                continue
            entries.append({"type": kind, "text": text, "line": number})
        return entries
