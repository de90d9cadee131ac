"""Settings' import: a journal file uploaded (our export, jrnl's JSON, a zip of daily
notes), refused by its size before its body is read, checked by what it holds, then
imported by the worker all or nothing, with its progress on the page."""

import datetime
import io
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from conftest import make_entry, make_goal, make_user
from journal.models import Entry
from perf import runs
from perf.import_runs import ImportRun
from perf.portability.export import journal_json

from .journal_io import SAMPLES
from .uploads import HTMX, IMPORT, SETTINGS, folder_zip, import_run, jrnl_file, upload

pytestmark = pytest.mark.django_db


def test_a_get_shows_the_form_and_writes_nothing(alice_client):
    response = alice_client.get(IMPORT)
    assert response.status_code == 200
    assert 'enctype="multipart/form-data"' in response.text
    assert not ImportRun.objects.exists()


def test_settings_shows_the_import_form_and_the_last_imports(alice_client, user):
    ImportRun.objects.create(user=user, filename="old.json", kind="jrnl", status="done")
    response = alice_client.get(SETTINGS)
    assert response.status_code == 200
    assert f'action="{IMPORT}"' in response.text
    assert "old.json" in response.text
    assert "20.0\xa0MB" in response.text  # the limit, said before choosing a file


def test_a_jrnl_export_is_imported_into_the_users_journal(alice_client, user):
    other = make_user("bob")
    response = upload(alice_client, jrnl_file(), name="jrnl.json")

    run = ImportRun.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("perf:journal-import-run", args=[run.pk])
    assert (run.user, run.kind, run.status, run.filename) == (user, "jrnl", "pending", "jrnl.json")
    assert bytes(run.upload) == jrnl_file()  # kept until imported

    run = import_run(run)

    assert run.status == "done"
    assert run.created == {"entries": 2}
    assert bytes(run.upload) == b""  # the file is not kept once imported
    texts = set(Entry.objects.filter(user=user).values_list("text", flat=True))
    assert texts == {"Shipped the search index. p95 from 30 ms to 9 ms.", "Paired with Dana on CI."}
    assert not Entry.objects.filter(user=other).exists()
    page = alice_client.get(reverse("perf:journal-import-run", args=[run.pk]))
    assert "2 entries imported" in page.text


def test_our_export_restores_another_accounts_journal_into_this_one(client):
    alice = make_user("alice")
    goal = make_goal(alice, title="Fast search")
    entry = make_entry(alice, text="Shipped #fast-search", date=datetime.date(2026, 3, 2))
    goal.entries.add(entry)
    bob = make_user("bob")
    client.force_login(bob)

    upload(client, journal_json(alice).encode(), name="alice.json")
    run = import_run(ImportRun.objects.get())

    assert (run.kind, run.status) == ("ours", "done")
    assert run.created == {"entries": 1, "goals": 1}
    imported = Entry.objects.get(user=bob)
    assert imported.text == "Shipped #fast-search"
    assert list(imported.goals.values_list("user__username", flat=True)) == ["bob"]
    assert Entry.objects.filter(user=alice).count() == 1  # alice's journal is as it was


def test_a_zip_of_daily_notes_is_imported_as_the_folder_would_be(alice_client, user):
    upload(alice_client, folder_zip(SAMPLES / "obsidian"), name="vault.zip")
    run = import_run(ImportRun.objects.get())

    assert (run.kind, run.status) == ("notes", "done")
    assert run.created == {"entries": 11}
    assert run.skipped_files == ["Projects.md"]  # not a daily note; .obsidian/ is not read
    assert Entry.objects.filter(user=user, type="plan").count() == 5
    assert "1 file is not a daily note" in "\n".join(run.outcome_lines())


def test_importing_the_same_file_again_adds_nothing(alice_client, user):
    for _ in range(2):
        upload(alice_client, jrnl_file())
    first, second = (import_run(run) for run in ImportRun.objects.order_by("created_at"))
    assert (first.created, second.created, second.existing) == ({"entries": 2}, {}, {"entries": 2})
    assert Entry.objects.filter(user=user).count() == 2
    assert second.outcome_lines()[0] == "Nothing new: everything in the file was already here."


def test_a_bad_record_is_named_and_nothing_is_written(alice_client, user):
    entries = [
        {"title": "Fine", "body": "", "date": "2026-03-02"},
        {"title": "Broken", "body": "", "date": "2026-13-01"},
    ]
    upload(alice_client, jrnl_file(entries))
    run = import_run(ImportRun.objects.get())

    assert run.status == "failed"
    assert run.error == "Nothing was imported: the file has a fault."
    assert run.problems == ["entries[1]: date “2026-13-01” is not a calendar day as YYYY-MM-DD."]
    assert not Entry.objects.filter(user=user).exists()
    assert bytes(run.upload) == b""
    page = alice_client.get(reverse("perf:journal-import-run", args=[run.pk]))
    assert "<li>entries[1]: date “2026-13-01” is not a calendar day" in page.text


def test_an_import_undone_when_its_run_was_failed_meanwhile(alice_client, user, monkeypatch):
    """Writing and finishing are one transaction: a run a sweep failed keeps nothing."""
    upload(alice_client, jrnl_file())
    run = ImportRun.objects.get()
    real_claim = runs.claim

    def claim_then_sweep(*args, **kwargs):
        claimed = real_claim(*args, **kwargs)
        ImportRun.objects.filter(pk=run.pk).update(status="failed", error="swept")
        return claimed

    monkeypatch.setattr(runs, "claim", claim_then_sweep)
    run = import_run(run)

    assert (run.status, run.error) == ("failed", "swept")
    assert not Entry.objects.filter(user=user).exists()


def test_a_file_over_the_limit_is_refused_before_its_body_is_read(alice_client, settings):
    settings.IMPORT_MAX_BYTES = 1000

    class Unread(io.BytesIO):
        def read(self, *args):
            raise AssertionError("the body was read")

        readline = read

    response = alice_client.post(
        IMPORT, data=b"", content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(50 * 1024 * 1024), **{"wsgi.input": Unread()},
    )  # fmt: skip

    assert response.status_code == 422
    assert "The file is larger than 1000\xa0bytes, the most an import takes." in response.text
    assert not ImportRun.objects.exists()


def test_a_file_just_over_the_limit_is_refused_by_its_size(alice_client, settings):
    settings.IMPORT_MAX_BYTES = 1000
    response = upload(alice_client, b" " * 1001, **HTMX)
    assert response.status_code == 422
    assert "The file is larger than 1000\xa0bytes" in response.text
    assert response.text.lstrip().startswith('<section id="import"')  # the section, for htmx
    assert not ImportRun.objects.exists()


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"hello", "journal.json, line 1, column 1: not valid JSON (Expecting value)."),
        (b'{"entries": []}', "journal.json: neither a Perf Assist export"),
        (b"\xff\xfe", "journal.json: not UTF-8 text."),
        (b"PK\x03\x04 broken", "journal.json: not a zip file that can be read."),
    ],
)
def test_a_file_of_no_known_kind_is_refused_with_a_sentence(alice_client, raw, message):
    response = upload(alice_client, raw)
    assert response.status_code == 422
    assert message in response.text
    assert not ImportRun.objects.exists()


def test_no_file_is_refused(alice_client):
    response = alice_client.post(IMPORT, {})
    assert response.status_code == 422
    assert "Choose a file to import." in response.text


def test_another_users_import_is_404(client, user):
    run = ImportRun.objects.create(user=user, filename="mine.json", kind="jrnl")
    client.force_login(make_user("bob"))
    url = reverse("perf:journal-import-run", args=[run.pk])
    assert client.get(url).status_code == 404
    assert client.get(url, **HTMX).status_code == 404
    assert "mine.json" not in client.get(SETTINGS).text


def test_the_progress_fragment_polls_until_the_import_ends(alice_client, user):
    upload(alice_client, jrnl_file())
    run = ImportRun.objects.get()
    url = reverse("perf:journal-import-run", args=[run.pk])

    waiting = alice_client.get(url, **HTMX)
    assert waiting.text.lstrip().startswith(
        f'<li class="import-run import-run--pending" id="import-{run.pk}"'
    )
    assert f'hx-get="{url}" hx-trigger="every 2s"' in waiting.text
    assert "Waiting for the worker to start the import" in waiting.text

    ImportRun.objects.filter(pk=run.pk).update(status="running", total=2)
    assert "Importing 2 records…" in alice_client.get(url, **HTMX).text

    ImportRun.objects.filter(pk=run.pk).update(status="pending")
    import_run(run)
    done = alice_client.get(url, **HTMX)
    assert "every 2s" not in done.text
    assert "2 entries imported" in done.text


def test_an_htmx_upload_answers_with_the_section_and_its_new_run(alice_client):
    response = upload(alice_client, jrnl_file(), **HTMX)
    run = ImportRun.objects.get()
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<section id="import"')
    assert f'id="import-{run.pk}"' in response.text and "every 2s" in response.text


def test_an_upload_queues_the_import_for_the_worker(
    alice_client, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    with django_capture_on_commit_callbacks(execute=True):
        upload(alice_client, jrnl_file())
    run = ImportRun.objects.get()
    task = DBTaskResult.objects.get()
    assert (task.task_path, task.args_kwargs["args"]) == (
        "perf.tasks.import_journal_task",
        [str(run.pk)],
    )


@pytest.mark.django_db(transaction=True)
def test_the_worker_imports_an_upload():
    user = make_user("alice")
    from django.test import Client

    client = Client()
    client.force_login(user)
    upload(client, jrnl_file())
    call_command(
        "run_worker", "--batch", "--queue-name", "*", "--no-startup-delay", stdout=StringIO(),
        stderr=StringIO(),
    )  # fmt: skip
    assert ImportRun.objects.get().status == "done"
    assert Entry.objects.filter(user=user).count() == 2


def test_an_import_whose_worker_died_ends_failed_and_lets_its_file_go(user):
    long_ago = timezone.now() - datetime.timedelta(minutes=5)
    run = ImportRun.objects.create(
        user=user, filename="j.json", kind="jrnl", upload=b"{}", status="running",
        started_at=long_ago, heartbeat_at=long_ago,
    )  # fmt: skip
    assert runs.fail_dead_runs() == 1
    run.refresh_from_db()
    assert run.status == "failed"
    assert "stopped before it was done" in run.error
    assert bytes(run.upload) == b""


def test_an_anonymous_upload_goes_to_the_login(client):
    response = upload(client, jrnl_file())
    assert response.status_code == 302 and "/accounts/login/" in response.url
    assert not ImportRun.objects.exists()


def test_an_upload_without_the_csrf_token_is_refused(user):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    assert upload(client, jrnl_file()).status_code == 403
    assert not ImportRun.objects.exists()
