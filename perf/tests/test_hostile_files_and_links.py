"""Hostile files on disk change nothing (issue 13): a daily note or sub-folder that is a
link, a note or journal file that is a named pipe or a device, and a note of a day outside
1970–2100 are refused by name, by the command and its dry run alike; links in folders not
read, and a note the user named, are no refusal; zero-width marks make no entry. The
importer called as a function refuses the same way and writes nothing."""

import datetime
import os
import shutil
from pathlib import Path

import pytest

from journal.models import Entry, EntryType, Profile
from perf.portability.importing import JournalFileError, import_journal

from .hostile_files import nothing_of, refused
from .journal_io import SAMPLES, import_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def vault(tmp_path):
    folder = tmp_path / "vault"
    shutil.copytree(SAMPLES / "obsidian", folder)
    return folder


@pytest.fixture
def secret(tmp_path):
    """A file outside the vault that the server can read, as /etc/passwd is."""
    path = tmp_path / "secret.txt"
    path.write_text("root:x:0:0:root:/root:/bin/bash\n")
    return path


def test_a_note_that_is_a_link_to_a_file_elsewhere_is_refused_by_name(carol, vault, secret):
    (vault / "Daily" / "2026-11-05.md").symlink_to(secret)

    message = refused(carol, vault)

    assert "Daily/2026-11-05.md is a link to somewhere else; links are not followed." in message
    assert not Entry.objects.filter(text__contains="root:").exists()


def test_a_link_to_a_file_inside_the_vault_is_refused_too(carol, vault):
    # Inside or not, a link is not read: what it points at may change under the import.
    (vault / "Daily" / "2026-11-06.md").symlink_to(vault / "Daily" / "2026-03-02.md")

    assert "Daily/2026-11-06.md is a link" in refused(carol, vault)


def test_a_sub_folder_that_is_a_link_is_refused_by_name(carol, vault, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "2026-11-05.md").write_text("- read from outside the vault\n")
    (vault / "Archive").symlink_to(elsewhere, target_is_directory=True)

    assert "Archive is a link to somewhere else" in refused(carol, vault)


def test_a_note_that_is_a_named_pipe_is_refused_not_waited_on(carol, vault):
    os.mkfifo(vault / "Daily" / "2026-11-05.md")

    assert "Daily/2026-11-05.md: not a plain file" in refused(carol, vault)


def test_a_journal_file_that_is_a_named_pipe_or_a_device_is_refused(carol, tmp_path):
    os.mkfifo(tmp_path / "backup.json")

    assert "backup.json: not a plain file" in refused(carol, tmp_path / "backup.json")
    assert "null: not a plain file" in refused(carol, Path("/dev/null"))


def test_links_in_folders_that_are_not_read_refuse_nothing(carol, vault, secret):
    (vault / ".obsidian").mkdir(exist_ok=True)
    (vault / ".obsidian" / "2026-11-05.md").symlink_to(secret)
    (vault / "Daily" / "picture.png").symlink_to(secret)

    import_file(carol, vault)

    assert Entry.objects.filter(user=carol).count() == 11
    assert not Entry.objects.filter(text__contains="root:").exists()


def test_a_note_named_on_the_command_line_may_be_a_link_the_user_chose(carol, tmp_path, vault):
    (tmp_path / "2026-03-02.md").symlink_to(vault / "Daily" / "2026-03-02.md")

    import_file(carol, tmp_path / "2026-03-02.md")

    assert Entry.objects.filter(user=carol, date=datetime.date(2026, 3, 2)).exists()


def test_a_daily_note_of_a_day_outside_the_dates_kept_is_refused_by_name(carol, vault):
    (vault / "Daily" / "2101-01-03.md").write_text("- far ahead\n")

    assert "Daily/2101-01-03.md: 2101-01-03 is outside the dates Perf Assist keeps" in refused(
        carol, vault
    )


def test_a_line_of_only_zero_width_marks_is_no_entry_and_a_byte_order_mark_no_text(carol, tmp_path):
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "2026-03-02.md").write_text("\ufeff## Done\n- \u200b\u200b\n- Shipped it\n")

    import_file(carol, folder)

    assert list(Entry.objects.filter(user=carol).values_list("text", flat=True)) == ["Shipped it"]


# --- The importer as a function, as the command calls it ---


def test_the_importer_raises_a_journal_file_error_and_writes_nothing(carol, vault, secret):
    (vault / "Daily" / "2026-11-05.md").symlink_to(secret)

    with pytest.raises(JournalFileError, match="2026-11-05.md is a link"):
        import_journal(carol, vault)

    assert nothing_of(carol)
    assert Profile.objects.filter(user=carol).count() == 1  # left as make_user made it
    assert EntryType.FACT  # the journal's own types are untouched by a refusal
