"""The UI speaks Russian and English; the Russian catalog must stay complete."""

import shutil
import subprocess
import sys

import polib
import pytest
from django.conf import settings
from django.urls import reverse

from conftest import make_user

pytestmark = pytest.mark.django_db

RU_PO = settings.BASE_DIR / "locale" / "ru" / "LC_MESSAGES" / "django.po"
RU_MO = RU_PO.with_suffix(".mo")


def test_the_russian_catalog_has_no_untranslated_or_fuzzy_string():
    catalog = polib.pofile(str(RU_PO))

    assert [e.msgid for e in catalog.untranslated_entries()] == []
    assert [e.msgid for e in catalog.fuzzy_entries()] == []


def test_the_compiled_catalog_matches_the_source():
    # A fresh clone shows Russian without GNU gettext because the .mo is committed.
    source = {
        (e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural
        for e in polib.pofile(str(RU_PO)).translated_entries()
    }
    compiled = {
        (e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural
        for e in polib.mofile(str(RU_MO))
        if e.msgid
    }

    assert compiled == source


@pytest.mark.skipif(
    shutil.which("xgettext") is None,
    reason="GNU gettext is not installed (apt-get install gettext): cannot check that every "
    "string in the code is in the Russian catalog. .ci/run installs it, so CI checks this.",
)
def test_every_translatable_string_in_the_code_is_in_the_catalog(tmp_path):
    # makemessages writes into LOCALE_PATHS, so run it on a copy of the project.
    copy = tmp_path / "project"
    ignore = shutil.ignore_patterns(
        ".venv", ".git", "data", "staticfiles", "node_modules", "__pycache__", "bench"
    )
    shutil.copytree(settings.BASE_DIR, copy, ignore=ignore)
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "-l",
            "ru",
            "--no-obsolete",
            "--ignore=bench/*",
        ],
        cwd=copy,
        check=True,
        capture_output=True,
    )
    catalog = polib.pofile(str(copy / "locale" / "ru" / "LC_MESSAGES" / "django.po"))

    missing = [e.msgid for e in catalog.untranslated_entries()] + [
        e.msgid for e in catalog.fuzzy_entries()
    ]
    assert missing == [], "run `make messages`, then translate these strings in locale/ru"


def test_a_russian_profile_gets_a_russian_ui(client_for):
    response = client_for(make_user(language="ru")).get(reverse("journal:today"))

    assert response["Content-Language"] == "ru"
    assert "Сегодня" in response.text
    assert "Лента" in response.text


def test_an_english_profile_gets_english_whatever_the_browser_says(client_for):
    response = client_for(make_user(language="en")).get(
        reverse("journal:feed"), HTTP_ACCEPT_LANGUAGE="ru"
    )

    assert response["Content-Language"] == "en"
    assert ">Feed<" in response.text


def test_without_a_profile_language_the_browser_decides(client_for):
    response = client_for(make_user(language="")).get(
        reverse("journal:feed"), HTTP_ACCEPT_LANGUAGE="ru-RU,ru;q=0.9,en;q=0.5"
    )

    assert response["Content-Language"] == "ru"


def test_the_login_page_follows_the_browser(client):
    make_user()
    response = client.get(reverse("journal:login"), HTTP_ACCEPT_LANGUAGE="ru")

    assert "Войти" in response.text


def test_russian_form_errors_are_russian(client_for):
    response = client_for(make_user(language="ru")).post(
        reverse("journal:entry-create"), {"date": "2026-02-30", "type": "plan", "text": "x"}
    )

    assert response.status_code == 422
    assert "Введите существующую дату" in response.text


def test_russian_dates_are_russian(client_for):
    response = client_for(make_user(language="ru")).get(
        reverse("journal:today"), {"date": "2026-11-23"}
    )

    assert "понедельник" in response.text.lower()
