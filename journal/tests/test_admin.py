import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from conftest import make_entry, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_(client):
    admin = get_user_model().objects.create_superuser("root", "", "admin passphrase 1")
    client.force_login(admin)
    return client


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:journal_entry_changelist",
        "admin:journal_profile_changelist",
        "admin:auth_user_changelist",
    ],
)
def test_admin_lists_open(admin_client_, url_name):
    make_entry(make_user(), text="An entry for the admin")

    assert admin_client_.get(reverse(url_name)).status_code == 200


def test_admin_entry_search_folds_russian_case(admin_client_):
    user = make_user()
    make_entry(user, text="Миграция базы")
    make_entry(user, text="Что-то другое")

    response = admin_client_.get(reverse("admin:journal_entry_changelist"), {"q": "МИГРАЦИЯ"})

    assert response.context["cl"].result_count == 1


def test_admin_entry_filters_by_type(admin_client_):
    user = make_user()
    make_entry(user, type="plan")
    make_entry(user, type="fact")

    response = admin_client_.get(reverse("admin:journal_entry_changelist"), {"type__exact": "plan"})

    assert response.context["cl"].result_count == 1


def test_admin_edits_an_entry_and_keeps_search_in_step(admin_client_):
    entry = make_entry(make_user(), text="Old")

    response = admin_client_.post(
        reverse("admin:journal_entry_change", args=[entry.pk]),
        {
            "user": entry.user_id,
            "date": "2026-11-24",
            "type": "fact",
            "text": "Новый ТЕКСТ",
            "fulfils_plan": "",
        },
    )

    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.search_text == "новый текст"


def test_admin_adds_a_user_who_gets_a_profile(admin_client_):
    password = "a long passphrase 9"
    form = {"username": "newbie", "password1": password, "password2": password}

    response = admin_client_.post(
        reverse("admin:auth_user_add"), {**form, "usable_password": "true"}
    )

    assert response.status_code == 302
    assert get_user_model().objects.get(username="newbie").profile.role == "engineer"
