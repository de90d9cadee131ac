"""ImportRun: a journal file uploaded on the settings page, and how its import went."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext, ngettext, ngettext_lazy, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from journal.services import get_profile

from .run_model import Run


def unfinished_summaries(count: int) -> str:
    """What an import says of the summaries its file held half-written."""
    return ngettext(
        "%(count)d summary was still being written when it was exported: it "
        "comes in as failed, to be written again.",
        "%(count)d summaries were still being written when they were exported: "
        "they come in as failed, to be written again.",
        count,
    ) % {"count": count}


class ImportKind(models.TextChoices):
    OURS = "ours", _("Perf Assist export")
    JRNL = "jrnl", _("jrnl JSON")
    NOTES = "notes", _("Daily notes (zip)")


# What an import brought, by the kinds ImportReport counts.
CREATED = [
    ("entries", ngettext_lazy("%(count)d entry imported", "%(count)d entries imported", "count")),
    ("goals", ngettext_lazy("%(count)d goal imported", "%(count)d goals imported", "count")),
    (
        "perf summaries",
        ngettext_lazy(
            "%(count)d perf summary imported", "%(count)d perf summaries imported", "count"
        ),
    ),
    (
        "weekly summaries",
        ngettext_lazy(
            "%(count)d weekly summary imported", "%(count)d weekly summaries imported", "count"
        ),
    ),
    (
        "review forms",
        ngettext_lazy("%(count)d review form imported", "%(count)d review forms imported", "count"),
    ),
]


class ImportRun(Run):
    """One upload, imported by the worker all or nothing (perf/tasks.py). The file is kept
    in `upload` until the import ends, done or failed, and is emptied then."""

    id = models.UUIDField("ID", primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="import_runs",
    )
    filename = models.CharField(_("file name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=8, choices=ImportKind)
    size = models.PositiveIntegerField(_("size in bytes"), default=0)
    # How many records the file holds, once read: the import is writing them.
    total = models.PositiveIntegerField(_("records in the file"), default=0)
    # In the database, which the web server and every worker share (a folder may not be).
    upload = models.BinaryField(_("uploaded file"), default=b"", editable=False)
    # What the import brought ({"entries": 3}) and what was there already, by kind.
    created = models.JSONField(pgettext_lazy("import", "imported"), default=dict, blank=True)
    existing = models.JSONField(_("already there"), default=dict, blank=True)
    skipped_files = models.JSONField(_("files skipped"), default=list, blank=True)
    unfinished = models.PositiveIntegerField(_("unfinished summaries"), default=0)
    # The file's faults, each naming its record or line; nothing was imported then.
    problems = models.JSONField(_("problems"), default=list, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    RESET_ON_FAIL = {"upload": b""}

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("journal import")
        verbose_name_plural = _("journal imports")
        indexes = [models.Index(fields=["user", "-created_at"], name="import_user_created_idx")]

    def __str__(self):
        return self.filename

    @classmethod
    def recent(cls, user):
        """The user's last imports, as Settings lists them (their files left unread)."""
        return cls.objects.filter(user=user).defer("upload")[:3]

    def outcome_lines(self) -> list[str]:
        """What a finished import brought, a sentence a line."""
        created, existing = self.created or {}, self.existing or {}
        lines = [message % {"count": n} for kind, message in CREATED if (n := created.get(kind))]
        if not lines:
            lines.append(gettext("Nothing new: everything in the file was already here."))
        if there := sum(existing.values()):
            lines.append(
                ngettext(
                    "%(count)d record was already here and was left as it was.",
                    "%(count)d records were already here and were left as they were.",
                    there,
                )
                % {"count": there}
            )
        if skipped := len(self.skipped_files or []):
            lines.append(
                ngettext(
                    "%(count)d file is not a daily note (named YYYY-MM-DD.md) and was skipped.",
                    "%(count)d files are not daily notes (named YYYY-MM-DD.md) and were skipped.",
                    skipped,
                )
                % {"count": skipped}
            )
        if self.unfinished:
            lines.append(unfinished_summaries(self.unfinished))
        return lines

    def reason_language(self) -> str:
        return get_profile(self.user).language or settings.LANGUAGE_CODE
