"""A journal file uploaded on the settings page: our JSON export, jrnl's JSON, or a zip of
daily notes, told apart by what the bytes hold (not by the name or the browser's type).

`check_upload` runs in the request, before anything is stored: the kind of file, and for
a zip everything its directory can tell (archive.notes_in). `read_upload` runs in the
worker and reads it whole, with the same importers as `manage.py import_journal`.
"""

from django.conf import settings

from .archive import is_zip, notes_in, read_zip
from .importing import json_reader, parsed_json
from .jrnl import JrnlExport
from .ours import OurExport

KINDS = {OurExport: "ours", JrnlExport: "jrnl"}


def limit() -> int:
    return settings.IMPORT_MAX_BYTES


def check_upload(raw: bytes, name: str) -> str:
    """ "ours", "jrnl" or "notes"; raises JournalFileError when it is none of them."""
    if is_zip(raw):
        notes_in(raw, name, limit())
        return "notes"
    return KINDS[json_reader(parsed_json(raw, name), name)]


def read_upload(raw: bytes, name: str):
    """What the file holds, checked whole, ready to be written (importing.write_source)."""
    if is_zip(raw):
        return read_zip(raw, name, limit())
    data = parsed_json(raw, name)
    return json_reader(data, name).read(data)
