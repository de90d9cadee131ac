"""A zip of Markdown daily notes, as an upload brings a folder of them.

The zip is checked from its directory before anything is unpacked: no member outside the
folder (an absolute path, a drive, a `..` step, or no name at all: `.`), no link, nothing
encrypted, no name twice or as both a file and a folder, and no more than IMPORT_MAX_BYTES
once unpacked, counting the notes only (a zip bomb is refused by what it declares;
unpacking never writes past it either). The notes are then unpacked into a temporary
folder and read as a folder of notes is (notes.DailyNotes).
"""

import io
import shutil
import stat
import struct
import tempfile
import zipfile
from pathlib import Path, PurePosixPath

from django.utils.translation import gettext as _

from .files import refused_link
from .notes import DAILY_NOTE, DailyNotes
from .report import JournalFileError

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")  # a first member, or an empty zip's end record
# More members than this is no folder of daily notes (thirty years of them is 11,000),
# and each costs memory to list before anything else can be checked.
MAX_MEMBERS = 20_000
END_RECORD = b"PK\x05\x06"
END_RECORD_SIZE = 22


def is_zip(raw: bytes) -> bool:
    return raw[:4] in ZIP_MAGIC


def declared_members(raw: bytes) -> int | None:
    """How many members the zip's end record declares, read before zipfile lists them
    all; None if there is no end record (zipfile then says the file is no zip)."""
    start = raw.rfind(END_RECORD, max(0, len(raw) - END_RECORD_SIZE - 0xFFFF))
    if start < 0 or len(raw) < start + END_RECORD_SIZE:
        return None
    (count,) = struct.unpack_from("<H", raw, start + 10)
    return count


def member_parts(name: str) -> list[str] | None:
    """A member's path as folder and file names; None when it would land outside the folder
    it is unpacked into, or would be the folder itself (`.`, `./`: no name at all)."""
    path = name.replace("\\", "/")
    if path.startswith("/") or (len(path) > 1 and path[1] == ":"):
        return None
    parts = [part for part in path.split("/") if part not in ("", ".")]
    return None if not parts or ".." in parts else parts


def notes_in(raw: bytes, name: str, limit: int) -> list[zipfile.ZipInfo]:
    """The members of the zip that are notes, once the whole zip is found safe to unpack;
    raises JournalFileError naming the member at fault."""
    count = declared_members(raw)
    if count is not None and count >= 0xFFFF or (count or 0) > MAX_MEMBERS:
        raise JournalFileError(
            _("%(name)s holds more than %(count)d files; a zip of daily notes holds fewer.")
            % {"name": name, "count": MAX_MEMBERS}
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError):
        message = _("%(name)s: not a zip file that can be read.") % {"name": name}
        raise JournalFileError(message) from None
    notes, seen, total = [], set(), 0
    # Each path a member is unpacked to, and each folder above one: a name that is both
    # (`a.md` beside `a.md/2026-01-01.md`) could not be unpacked.
    files, folders = {}, {}
    for member in archive.infolist():
        parts = member_parts(member.filename)
        if parts is None:
            raise JournalFileError(
                _("%(name)s is outside the folder being imported; it is not read.")
                % {"name": member.filename}
            )
        key = "/".join(parts)
        if key in seen:
            raise JournalFileError(
                _("%(name)s appears twice in the zip.") % {"name": member.filename}
            )
        seen.add(key)
        clash = file_and_folder(member, parts, files, folders)
        if clash is not None:
            raise JournalFileError(
                _("%(name)s is both a file and a folder in the zip.") % {"name": clash}
            )
        if stat.S_ISLNK(member.external_attr >> 16):
            raise JournalFileError(refused_link(member.filename))
        # As in a folder: what starts with a dot (.obsidian, .trash) is not read.
        if member.is_dir() or any(part.startswith(".") for part in parts):
            continue
        if not parts[-1].lower().endswith(".md"):
            continue
        if member.flag_bits & 0x1:
            raise JournalFileError(
                _("%(name)s is encrypted; zip the notes without a password.")
                % {"name": member.filename}
            )
        total += member.file_size
        if total > limit:
            raise JournalFileError(too_big_unpacked(name, limit))
        notes.append(member)
    if not any(DAILY_NOTE.match(PurePosixPath(note.filename).name) for note in notes):
        raise JournalFileError(
            _("%(name)s holds no daily notes (Markdown files named YYYY-MM-DD.md).")
            % {"name": name}
        )
    return notes


def file_and_folder(member, parts, files: dict, folders: dict) -> str | None:
    """The name of a member that is a file where another member has a folder, or the
    reverse; None while there is none. Records the member's paths in `files`, `folders`."""
    above = ["/".join(parts[:end]) for end in range(1, len(parts))]
    if member.is_dir():
        above.append("/".join(parts))
    else:
        key = "/".join(parts)
        if key in folders:
            return member.filename
        files[key] = member.filename
    for folder in above:
        if folder in files:
            return files[folder]
        folders.setdefault(folder, member.filename)
    return None


def too_big_unpacked(name: str, limit: int) -> str:
    return _("%(name)s unpacks to more than %(size)s of notes; import it in parts.") % {
        "name": name,
        "size": f"{limit / 1024 / 1024:.0f} MB",
    }


def read_zip(raw: bytes, name: str, limit: int) -> DailyNotes:
    """The daily notes of the zip, read as a folder of them (their names as the zip has
    them), each unpacked no further than the size it declares and the limit."""
    notes = notes_in(raw, name, limit)
    archive = zipfile.ZipFile(io.BytesIO(raw))
    with tempfile.TemporaryDirectory(prefix="perf-import-") as folder:
        root = Path(folder)
        left = limit
        for member in notes:
            target = root.joinpath(*member_parts(member.filename))
            try:
                # In the try: a folder the file system cannot make (a name too long for it,
                # say) is the member's fault, refused by its name like any other.
                target.parent.mkdir(parents=True, exist_ok=True)
                with archive.open(member) as source, open(target, "xb") as copy:
                    shutil.copyfileobj(LimitedReader(source, member.file_size), copy)
                    left -= copy.tell()
            except (zipfile.BadZipFile, NotImplementedError, EOFError, OSError) as error:
                # An OSError's own text names the temporary folder, which is no name the
                # user knows: its reason alone.
                reason = getattr(error, "strerror", None) or error
                raise JournalFileError(
                    _("%(name)s cannot be unpacked (%(reason)s).")
                    % {"name": member.filename, "reason": reason}
                ) from None
            if left < 0:
                raise JournalFileError(too_big_unpacked(name, limit))
        return DailyNotes.read(root)


class LimitedReader:
    """A member's bytes, no more than it declared: a zip that lies about a size is not
    unpacked past it."""

    def __init__(self, source, size: int):
        self.source, self.left = source, size

    def read(self, size: int = -1) -> bytes:
        if self.left <= 0:
            return b""
        size = self.left if size < 0 else min(size, self.left)
        data = self.source.read(size)
        self.left -= len(data)
        return data
