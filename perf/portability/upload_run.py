"""An uploaded journal file's import, as the worker runs it (perf/runs.py's lifecycle): the
run is claimed, beats its heart while the file is read and written, and ends done with its
counts or failed with the file's fault; the file itself is emptied either way.

Writing and finishing the run are one transaction: should a sweep fail the run meanwhile
(its heartbeat silent), the import is undone rather than left half-said.
"""

import logging

from django.utils import translation
from django.utils.translation import gettext as _

from .. import runs
from ..import_runs import ImportRun
from .importing import write_source
from .report import JournalFileError
from .upload import read_upload

logger = logging.getLogger(__name__)

# Reading and writing the largest file allowed takes well under a minute; past this, the
# run is failed by its own heartbeat (the transaction then finds it no longer its own).
IMPORT_SECONDS = 30 * 60


def create_import(user, name: str, raw: bytes, kind: str) -> ImportRun:
    """A pending import of the file (checked by upload.check_upload) into `user`'s journal."""
    return ImportRun.objects.create(
        user=user, filename=name[:255], kind=kind, size=len(raw), upload=raw
    )


def records_in(source) -> int:
    """How many records a file read holds, to say how far the import is."""
    if hasattr(source, "goal_ids"):  # our export
        kinds = (source.goals, source.entries, source.summaries, source.weeks)
        return sum(len(records) for records in kinds)
    return len(source.entries)


def run_import(run: ImportRun) -> ImportRun:
    """Import the run's file all or nothing; a fault of the file fails the run with it."""
    claim = runs.claim(run, IMPORT_SECONDS)
    if claim is None:  # imported by another worker, or deleted
        return ImportRun.objects.filter(pk=run.pk).first() or run
    language = run.reason_language()
    with translation.override(language):
        claim.overdue_reason = _("The import took too long and was stopped; nothing was imported.")
    try:
        with runs.heartbeat(claim), translation.override(language):
            # bytes(): PostgreSQL gives a BinaryField back as a memoryview.
            source = read_upload(bytes(run.upload), run.filename)
            claim.owned.update(total=records_in(source))

            def finish(report) -> bool:
                return claim.finish(
                    upload=b"",
                    created={kind: n for kind, n in report.created.items() if n},
                    existing={kind: n for kind, n in report.existing.items() if n},
                    skipped_files=report.skipped_files,
                    unfinished=report.unfinished,
                )

            write_source(run.user, source, then=finish)
    except JournalFileError as error:
        with translation.override(language):
            reason = _("Nothing was imported: the file has a fault.")
        claim.fail(reason, problems=[str(error)])
    except Exception:
        logger.exception("import %s failed unexpectedly", run.pk)
        with translation.override(language):
            reason = _("Something went wrong while importing; nothing was imported.")
        claim.fail(reason)
        raise
    return ImportRun.objects.filter(pk=run.pk).first() or run
