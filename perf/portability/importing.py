"""Journals into Perf Assist: our own JSON export (a restore), the JSON that
`jrnl --export json` writes, and a folder of Markdown daily notes as Obsidian keeps them.

Reading checks the whole file first; a fault is reported with the line or record at fault
and nothing is written. Writing happens in one transaction. Importing the same file twice
adds nothing the second time: records keep their ids, and entries also match on their
day, type and text.
"""

import json
import re
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, transaction
from django.utils.translation import gettext as _

from journal.validation import validate_storable_text

from .export import FORMAT
from .files import read_regular_file
from .jrnl import JrnlExport
from .notes import DailyNotes
from .ours import OurExport
from .report import ImportReport, JournalFileError
from .values import printable

__all__ = ["ImportReport", "JournalFileError", "import_journal"]


def import_journal(user, path, *, dry_run=False) -> ImportReport:
    """Import a file or folder into `user`'s journal; raises JournalFileError."""
    return write_source(user, read_source(Path(path)), dry_run=dry_run)


def write_source(user, source, *, dry_run=False, then=None) -> ImportReport:
    """Write what was read in one transaction. `then(report)`, inside it, may refuse the
    import by returning False (the upload's run, failed meanwhile): all is undone."""
    try:
        with transaction.atomic():
            report = source.write(user)
            if dry_run or (then is not None and not then(report)):
                transaction.set_rollback(True)
    except (IntegrityError, DataError) as error:
        # Reading checks what the database would refuse; should a case slip through, the
        # transaction is undone and the file refused like any other fault.
        raise JournalFileError(
            _("the database refused a record (%(error)s).") % {"error": error}
        ) from None
    return report


def read_source(path: Path):
    if path.is_dir():
        return DailyNotes.read(path)
    if not path.exists():
        raise JournalFileError(_("%(path)s: there is no such file or folder.") % {"path": path})
    # The path the user named may be a link; what it points at must be a plain file.
    path = path.resolve()
    if path.suffix.lower() == ".md":
        return DailyNotes.read_files([path], base=path.parent)
    return read_json(read_regular_file(path, path.name), path.name)


def read_json(raw: bytes, name: str):
    """Our export or jrnl's JSON, read from the file's bytes and checked whole."""
    data = parsed_json(raw, name)
    return json_reader(data, name).read(data)


def parsed_json(raw: bytes, name: str):
    """The file's JSON, or the fault that keeps it from being JSON a journal can hold."""
    try:
        text = raw.decode("utf-8")
        data = json.loads(text, parse_constant=refuse_constant)
        # JSON can carry a NUL or a lone surrogate only escaped: look for where only when
        # such an escape is there, so that a clean file costs one scan of its text.
        fault = unstorable_in(data) if UNSTORABLE_ESCAPE.search(text) else None
    except UnicodeDecodeError:
        raise JournalFileError(_("%(file)s: not UTF-8 text.") % {"file": name}) from None
    except json.JSONDecodeError as error:
        place = {"line": error.lineno, "column": error.colno}
        # Some of json's messages end in "… starting at", expecting the place after them.
        # json says why in English whatever the language; the place it names follows suit.
        reason = error.msg
        if reason.endswith(" at"):
            reason += f" line {error.lineno}, column {error.colno}"
        raise JournalFileError(
            _("%(file)s, line %(line)d, column %(column)d: not valid JSON (%(reason)s).")
            % {"file": name, **place, "reason": reason}
        ) from None
    except (ValueError, RecursionError) as error:  # NaN, a number too long, nesting too deep
        raise JournalFileError(
            _("%(file)s: not a journal file (%(reason)s).") % {"file": name, "reason": error}
        ) from None
    if fault:
        # The place, then the reason (translated where it was found): no words of its own.
        raise JournalFileError(f"{record_path(data, fault[0])}: {fault[1]}")
    return data


def json_reader(data, name: str):
    """Which importer reads this JSON (OurExport or JrnlExport), by what it holds."""
    if isinstance(data, dict) and data.get("format") == FORMAT:
        return OurExport
    if isinstance(data, dict) and isinstance(data.get("entries"), list) and "tags" in data:
        return JrnlExport
    raise JournalFileError(
        _(
            '%(file)s: neither a Perf Assist export ("format": "%(format)s") '
            "nor the JSON of `jrnl --export json`."
        )
        % {"file": name, "format": FORMAT}
    )


def refuse_constant(name):
    raise ValueError(_("%(name)s is not a number a journal holds") % {"name": name})


# What a JSON file spells with an escape and a database cannot store: NUL (PostgreSQL
# keeps none, in text or in JSON) and halves of a surrogate pair (UTF-8 cannot encode them).
UNSTORABLE_ESCAPE = re.compile(r"\\u(?:0000|[dD][89a-fA-F])")


def unstorable_in(value, path=()) -> tuple[tuple, str] | None:
    """Where text the database cannot store is, if anywhere (as keys and indexes from the
    top of the file), and why."""
    if isinstance(value, str):
        if "\x00" in value:
            return path, _("The text holds a NUL character: remove it and try again.")
        try:
            validate_storable_text(value)
        except ValidationError as error:
            return path, " ".join(error.messages)
        return None
    if isinstance(value, dict):
        for key, item in value.items():
            if found := unstorable_in(key, (*path, key)) or unstorable_in(item, (*path, key)):
                return found
    elif isinstance(value, list):
        for index, item in enumerate(value):
            if found := unstorable_in(item, (*path, index)):
                return found
    return None


def record_path(data, path: tuple) -> str:
    """A place in the file as the other messages name it: the record, by its list, place and
    id, then the field within it, such as `entries[12] (id …): text`."""
    if not path:
        return _("the file")
    parts, value = [], data
    for step in path:
        if isinstance(step, int):
            label = f"[{step}]"
            value = value[step] if isinstance(value, list) else None
            if isinstance(value, dict) and isinstance(value.get("id"), str):
                label += f" (id {printable(value['id'])})"
            if parts:
                parts[-1] += label
            else:
                parts.append(label)
        else:
            parts.append(printable(step))
            value = value.get(step) if isinstance(value, dict) else None
    return ": ".join(parts)
