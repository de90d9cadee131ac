"""A zip of daily notes uploaded on Settings: refused in the request, naming the member,
for what its directory says (paths leaving the folder, links, names twice or both file and
folder, bombs, too many files), and unpacking faults said in the user's language."""

import pytest
from django.utils import translation

from conftest import make_user
from journal.models import Entry
from perf.import_runs import ImportRun
from perf.portability import jrnl

from .uploads import import_run, jrnl_file, upload, zipped

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("members", "links", "message"),
    [
        ({"2026-03-02.md": "- a", "../2026-03-03.md": "- b"}, (),
         "../2026-03-03.md is outside the folder being imported"),
        ({"notes/..\\..\\2026-03-03.md": "- b"}, (), "is outside the folder being imported"),
        ({"/etc/2026-03-03.md": "- b"}, (), "/etc/2026-03-03.md is outside the folder"),
        ({"C:/2026-03-03.md": "- b"}, (), "C:/2026-03-03.md is outside the folder"),
        ({"2026-03-02.md": "/etc/passwd"}, ("2026-03-02.md",),
         "2026-03-02.md is a link to somewhere else; links are not followed."),
        ({"2026-03-02.md": "- a", "./2026-03-02.md": "- b"}, (), "appears twice in the zip"),
        ({"Projects.md": "- a"}, (), "holds no daily notes (Markdown files named YYYY-MM-DD.md)"),
        # No name at all: the folder itself, neither inside it nor a note.
        ({".": "- a", "2026-03-02.md": "- b"}, (),
         ". is outside the folder being imported; it is not read."),
        ({"./": "", "2026-03-02.md": "- b"}, (), "./ is outside the folder being imported"),
        # A name that is a file and a folder cannot be unpacked, whichever comes first.
        ({"a.md": "- a", "a.md/2026-03-02.md": "- b"}, (),
         "a.md is both a file and a folder in the zip."),
        ({"a.md/2026-03-02.md": "- b", "a.md": "- a"}, (),
         "a.md is both a file and a folder in the zip."),
        ({"Daily/2026-03-02.md": "- a", "Daily/2026-03-02.md/x.txt": ""}, (),
         "Daily/2026-03-02.md is both a file and a folder in the zip."),
    ],
)  # fmt: skip
def test_a_hostile_zip_is_refused_naming_the_member(alice_client, members, links, message):
    response = upload(alice_client, zipped(members, links), name="vault.zip")
    assert response.status_code == 422
    assert message in response.text
    assert not ImportRun.objects.exists()


def test_a_member_the_worker_cannot_unpack_fails_the_run_naming_it_in_its_language(client):
    """A name the file system refuses (a folder name longer than it keeps) passes the
    directory's checks; unpacking it is then the file's fault, said in the user's language."""
    user = make_user("alice", language="ru")
    client.force_login(user)
    member = "x" * 300 + "/2026-03-02.md"
    upload(client, zipped({member: "- a"}), name="vault.zip")
    translation.activate("en")  # the worker's own language, not the request's
    run = import_run(ImportRun.objects.get())

    assert run.status == "failed"
    (problem,) = run.problems
    assert problem.startswith(f"{member} не удаётся распаковать (")  # the catalog's Russian
    assert "perf-import-" not in problem  # the temporary folder is no name the user knows
    assert not Entry.objects.filter(user=user).exists()
    assert bytes(run.upload) == b""


def test_the_worker_says_a_files_fault_in_the_users_language(client, monkeypatch):
    """The importer's messages pass through gettext while the worker runs in the user's
    language (not the worker's own), so a Russian user reads the fault in Russian."""
    user = make_user("alice", language="ru")
    client.force_login(user)
    upload(client, jrnl_file([{"title": "Broken", "body": "", "date": "2026-13-01"}]))
    languages = []

    def spied(error):
        languages.append(translation.get_language())
        return real_fault(error)

    real_fault = jrnl.jrnl_fault
    monkeypatch.setattr(jrnl, "jrnl_fault", spied)
    translation.activate("en")  # the worker's own language, not the request's
    run = import_run(ImportRun.objects.get())

    assert run.status == "failed"
    assert languages == ["ru"]
    assert run.problems[0].startswith("entries[0]: ")


def test_a_zip_bomb_is_refused_by_what_it_declares(alice_client, settings):
    settings.IMPORT_MAX_BYTES = 100_000
    bomb = zipped({"2026-03-02.md": "- a\n" * 50_000})  # 200 kB of notes in a few hundred bytes
    assert len(bomb) < 2_000
    response = upload(alice_client, bomb, name="bomb.zip")
    assert response.status_code == 422
    assert "bomb.zip unpacks to more than" in response.text


def test_a_zip_of_too_many_files_is_refused_before_they_are_listed(alice_client):
    many = zipped({f"{n}.txt": "" for n in range(20_001)})
    response = upload(alice_client, many, name="many.zip")
    assert response.status_code == 422
    assert "many.zip holds more than 20000 files" in response.text
