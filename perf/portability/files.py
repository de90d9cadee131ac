"""Reading a file the user named, or found in their folder, and nothing it links to."""

import errno
import os
import stat
from pathlib import Path

from django.utils.translation import gettext as _

from .report import JournalFileError


def read_regular_file(path: Path, name: str) -> bytes:
    """The bytes of a plain file, refusing a link, a device, a pipe or a socket. Checked on
    the opened file itself (O_NOFOLLOW, fstat), so that nothing can swap a link in between
    looking and reading; O_NONBLOCK keeps a named pipe from hanging the import."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise JournalFileError(refused_link(name)) from None
        raise JournalFileError(
            _("%(name)s: cannot be read (%(reason)s).") % {"name": name, "reason": error.strerror}
        ) from None
    with os.fdopen(descriptor, "rb") as file:
        if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
            raise JournalFileError(
                _("%(name)s: not a plain file (a device, a pipe or a socket); it is not read.")
                % {"name": name}
            )
        return file.read()


def refused_link(name: str) -> str:
    return _(
        "%(name)s is a link to somewhere else; links are not followed. Copy what it "
        "points at into the folder, or remove the link."
    ) % {"name": name}
