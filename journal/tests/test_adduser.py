import io
import subprocess
import sys

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from conftest import make_entry, make_user
from journal.management.commands import adduser

pytestmark = pytest.mark.django_db

PASSWORD = "a long passphrase 42"


@pytest.fixture
def admin():
    """The install's first account, made on the first-run page: the admin."""
    return get_user_model().objects.create_superuser("root", "", "the admin's passphrase")


class Terminal(io.StringIO):
    def isatty(self):
        return True


def add(username, *, stdin="", terminal=False, password_stdin=True):
    """Run adduser; returns what it printed."""
    stdout = io.StringIO()
    options = {"password_stdin": password_stdin} if password_stdin else {}
    call_command(
        "adduser",
        username,
        stdin=Terminal(stdin) if terminal else io.StringIO(stdin),
        stdout=stdout,
        stderr=io.StringIO(),
        **options,
    )
    return stdout.getvalue()


def test_it_makes_an_ordinary_account_from_a_password_on_stdin(admin):
    output = add("nina", stdin=PASSWORD + "\n")

    user = get_user_model().objects.get(username="nina")
    assert not user.is_staff and not user.is_superuser
    assert user.check_password(PASSWORD)
    assert user.profile.role == "engineer"
    assert "Made the account 'nina'" in output


def test_it_asks_twice_on_a_terminal_until_the_password_is_good(admin, monkeypatch):
    typed = iter(["one", "two", "123", "123", PASSWORD, PASSWORD])
    monkeypatch.setattr(adduser.getpass, "getpass", lambda prompt: next(typed))
    stderr = io.StringIO()

    call_command("adduser", "olga", stdin=Terminal(), stdout=io.StringIO(), stderr=stderr)

    assert "The two passwords differ. Try again." in stderr.getvalue()
    assert "This password is too short." in stderr.getvalue()
    assert get_user_model().objects.get(username="olga").check_password(PASSWORD)


def test_it_refuses_a_password_the_validators_refuse(admin):
    with pytest.raises(CommandError, match="No account was made: This password is too common."):
        add("pete", stdin="password123\n")
    with pytest.raises(CommandError, match="The password is empty."):
        add("pete", stdin="")

    assert not get_user_model().objects.filter(username="pete").exists()


def test_it_refuses_an_existing_user_name_whatever_its_case(admin):
    make_user("quinn")

    with pytest.raises(CommandError, match="There is already a user 'Quinn'."):
        add("Quinn", stdin=PASSWORD)

    assert get_user_model().objects.filter(username__iexact="quinn").count() == 1


@pytest.mark.parametrize(
    ("username", "reason"),
    [("no spaces", "Enter a valid username."), ("x" * 151, "at most 150 characters")],
)
def test_it_refuses_an_invalid_user_name(admin, username, reason):
    with pytest.raises(CommandError, match=f"cannot be a user name: .*{reason}"):
        add(username, stdin=PASSWORD)

    assert get_user_model().objects.count() == 1


def test_without_a_terminal_it_asks_for_password_stdin(admin):
    with pytest.raises(CommandError, match="pass --password-stdin"):
        add("rita", stdin=PASSWORD, password_stdin=False)

    assert not get_user_model().objects.filter(username="rita").exists()


def test_it_leaves_the_first_account_to_the_first_run_page():
    with pytest.raises(CommandError, match="No account exists yet: create the first one"):
        add("sam", stdin=PASSWORD)

    assert not get_user_model().objects.exists()


def test_a_failure_exits_non_zero_with_the_message(tmp_path):
    """As a script sees it."""
    result = subprocess.run(
        [sys.executable, "manage.py", "adduser", "tess lee", "--password-stdin"],
        cwd=settings.BASE_DIR,
        env={
            "PATH": "/usr/bin:/bin",
            "PERFASSIST_DATA_DIR": str(tmp_path),
            "PERFASSIST_ENV_FILE": "",
        },
        input=PASSWORD,
        capture_output=True,
        text=True,
    )

    assert result.returncode == 1
    assert result.stderr.startswith("CommandError: 'tess lee' cannot be a user name: Enter a")


def test_the_new_account_logs_in_sees_its_own_journal_and_not_the_admin(admin):
    make_entry(admin, text="An entry of the admin")
    add("uma", stdin=PASSWORD)
    make_entry(get_user_model().objects.get(username="uma"), text="An entry of Uma")
    client = Client()

    login = client.post(reverse("journal:login"), {"username": "uma", "password": PASSWORD})
    feed = client.get(reverse("journal:feed"))
    admin_site = client.get(reverse("admin:journal_entry_changelist"))

    assert login.status_code == 302
    assert "An entry of Uma" in feed.text
    assert "An entry of the admin" not in feed.text
    assert f'href="{reverse("admin:index")}"' not in feed.text  # no link to the admin
    assert admin_site.status_code == 302
    assert admin_site["Location"].startswith(reverse("admin:login"))
