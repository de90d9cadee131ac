import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from conftest import make_user

pytestmark = pytest.mark.django_db

SETUP_URL = reverse("journal:setup")
LOGIN_URL = reverse("journal:login")


def setup_form(**fields):
    return {
        "username": "marina",
        "password1": "a long passphrase 42",
        "password2": "a long passphrase 42",
        "role": "manager",
        "language": "ru",
        "time_zone": "Europe/Moscow",
        **fields,
    }


def test_a_new_install_sends_login_to_the_first_run_page(client):
    response = client.get(LOGIN_URL)

    assert response.status_code == 302
    assert response["Location"] == SETUP_URL


def test_the_first_account_is_created_with_its_profile_and_logged_in(client):
    response = client.post(SETUP_URL, setup_form())

    assert response.status_code == 302
    assert response["Location"] == reverse("journal:today")
    user = get_user_model().objects.get()
    assert user.is_superuser and user.is_staff
    assert (user.profile.role, user.profile.language, user.profile.time_zone) == (
        "manager",
        "ru",
        "Europe/Moscow",
    )
    assert client.get(reverse("journal:today")).status_code == 200


def test_the_first_run_page_is_gone_after_the_first_account(client):
    client.post(SETUP_URL, setup_form())
    client.logout()

    assert client.get(SETUP_URL).status_code == 404
    assert client.post(SETUP_URL, setup_form(username="intruder")).status_code == 404
    assert client.get(LOGIN_URL).status_code == 200
    assert get_user_model().objects.count() == 1


def test_the_first_run_page_is_gone_after_createsuperuser(client):
    get_user_model().objects.create_superuser("admin", "", "another long passphrase")

    assert client.get(SETUP_URL).status_code == 404


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"password2": "something else"}, "The two password fields didn’t match."),
        ({"time_zone": "Mars/Olympus"}, "Choose a time zone from the list."),
        ({"username": ""}, "This field is required."),
    ],
)
def test_bad_first_run_input_creates_nobody(client, fields, message):
    response = client.post(SETUP_URL, setup_form(**fields))

    assert response.status_code == 422
    assert message in response.text
    assert not get_user_model().objects.exists()


def test_login_with_the_form(client):
    make_user("alice", password="correct horse battery")

    response = client.post(LOGIN_URL, {"username": "alice", "password": "correct horse battery"})

    assert response.status_code == 302
    assert response["Location"] == reverse("journal:today")


def test_login_with_a_wrong_password_says_so(client):
    make_user("alice", password="correct horse battery")

    response = client.post(LOGIN_URL, {"username": "alice", "password": "wrong"})

    assert response.status_code == 200
    assert "Please enter a correct username and password." in response.text


def test_logout_needs_a_post(client_for):
    client = client_for(make_user())

    assert client.get(reverse("journal:logout")).status_code == 405
    assert client.post(reverse("journal:logout")).status_code == 302
    assert client.get(reverse("journal:today")).status_code == 302


def test_profile_saves_role_language_and_time_zone(client_for):
    user = make_user()

    response = client_for(user).post(
        reverse("journal:profile"),
        {"role": "manager", "language": "ru", "time_zone": "Asia/Yekaterinburg"},
    )

    assert response.status_code == 302
    user.profile.refresh_from_db()
    assert (user.profile.role, user.profile.language, user.profile.time_zone) == (
        "manager",
        "ru",
        "Asia/Yekaterinburg",
    )


def test_profile_rejects_an_unknown_time_zone(client_for):
    user = make_user(time_zone="UTC")

    response = client_for(user).post(
        reverse("journal:profile"),
        {"role": "engineer", "language": "", "time_zone": "Nowhere/City"},
    )

    assert response.status_code == 422
    assert "Choose a time zone from the list." in response.text
    user.profile.refresh_from_db()
    assert user.profile.time_zone == "UTC"


def test_a_user_made_elsewhere_gets_a_profile_on_first_visit(client):
    user = make_user()
    user.profile.delete()
    client.force_login(get_user_model().objects.get(pk=user.pk))

    assert client.get(reverse("journal:today")).status_code == 200
    assert get_user_model().objects.get(pk=user.pk).profile.role == "engineer"


def test_the_welcome_message_speaks_the_language_just_chosen(client):
    response = client.post(
        SETUP_URL, setup_form(language="ru"), HTTP_ACCEPT_LANGUAGE="en", follow=True
    )

    assert "Добро пожаловать в Perf Assist." in response.text


def test_the_saved_message_speaks_the_new_language(client_for):
    client = client_for(make_user(language="ru"))

    response = client.post(
        reverse("journal:profile"),
        {"role": "engineer", "language": "en", "time_zone": "UTC"},
        follow=True,
    )

    assert "Your settings are saved." in response.text
    assert response["Content-Language"] == "en"
