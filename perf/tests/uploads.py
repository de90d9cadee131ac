"""What the Settings import tests upload, and how they run the worker's part."""

import io
import json
import zipfile
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from perf.import_runs import ImportRun
from perf.tasks import import_journal_task

IMPORT = reverse("perf:journal-import")
SETTINGS = reverse("journal:profile")
HTMX = {"HTTP_HX_REQUEST": "true"}


def jrnl_file(entries=None) -> bytes:
    entries = entries or [
        {"title": "Shipped the search index.", "body": "p95 from 30 ms to 9 ms.",
         "date": "2026-03-02", "time": "09:30", "tags": [], "starred": False},
        {"title": "Paired with Dana on CI.", "body": "", "date": "2026-03-03",
         "time": "10:00", "tags": [], "starred": False},
    ]  # fmt: skip
    return json.dumps({"tags": {}, "entries": entries}).encode()


def zipped(members: dict, links=()) -> bytes:
    """A zip of {name: text}; the names in `links` are stored as symbolic links."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in members.items():
            info = zipfile.ZipInfo(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            if name in links:
                info.external_attr = 0o120777 << 16  # a link, as `zip --symlinks` stores one
            archive.writestr(info, text)
    return buffer.getvalue()


def folder_zip(folder: Path) -> bytes:
    return zipped(
        {
            str(path.relative_to(folder)): path.read_bytes()
            for path in sorted(folder.rglob("*"))
            if path.is_file()
        }
    )


def upload(client, raw: bytes, name="journal.json", **extra):
    return client.post(IMPORT, {"file": SimpleUploadedFile(name, raw)}, **extra)


def import_run(run: ImportRun) -> ImportRun:
    """What the worker does with a queued import (the task, run here directly)."""
    import_journal_task.call(str(run.pk))
    run.refresh_from_db()
    return run
