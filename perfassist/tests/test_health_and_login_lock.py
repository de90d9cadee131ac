"""/healthz, and failed logins slowed then locked (django-axes)."""

import pytest
from django.db import OperationalError, connection
from django.test import Client, override_settings
from django.urls import reverse

from conftest import make_user

pytestmark = pytest.mark.django_db
LOGIN = reverse("journal:login")


def test_healthz_answers_without_login_when_the_database_does():
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "up"}


def test_healthz_is_503_when_the_database_does_not(monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", refuse)

    response = Client().get("/healthz")

    assert response.status_code == 503
    assert response.json()["database"] == "down"


@override_settings(ALLOWED_HOSTS=["perf.example.com"], SECURE_SSL_REDIRECT=True)
def test_healthz_answers_a_local_probe_over_http_that_pages_would_refuse():
    probe = Client(HTTP_HOST="localhost:8000")

    assert probe.get("/healthz").status_code == 200
    assert probe.get("/accounts/login/").status_code == 400  # the host is not allowed
    user_request = Client(HTTP_HOST="perf.example.com").get("/accounts/login/")
    assert user_request.status_code == 301
    assert user_request["Location"] == "https://perf.example.com/accounts/login/"


def test_ten_wrong_passwords_lock_the_login_even_for_the_right_one():
    make_user("ann", password="the right password")
    client = Client()

    for _ in range(9):
        wrong = client.post(LOGIN, {"username": "ann", "password": "wrong"})
        assert wrong.status_code == 200  # the form again, with its error
    tenth = client.post(LOGIN, {"username": "ann", "password": "wrong"})
    right = client.post(LOGIN, {"username": "ann", "password": "the right password"})

    assert tenth.status_code == right.status_code == 429
    assert "Too many failed logins" in right.text
    assert "_auth_user_id" not in client.session


def test_a_right_password_before_the_limit_resets_the_count():
    make_user("bob", password="the right password")
    client = Client()
    for _ in range(9):
        client.post(LOGIN, {"username": "bob", "password": "wrong"})

    client.post(LOGIN, {"username": "bob", "password": "the right password"})
    client.logout()
    after = client.post(LOGIN, {"username": "bob", "password": "wrong"})

    assert after.status_code == 200


def test_without_a_trusted_proxy_a_forged_forwarded_for_does_not_dodge_the_lock():
    make_user("dana", password="the right password")
    client = Client()
    for n in range(10):  # each from a different claimed address, all from one real one
        client.post(
            LOGIN,
            {"username": f"nobody{n}", "password": "wrong"},
            headers={"X-Forwarded-For": f"203.0.113.{n}"},
        )

    locked = client.post(LOGIN, {"username": "dana", "password": "the right password"})
    assert locked.status_code == 429


@override_settings(
    AXES_IPWARE_PROXY_COUNT=0,  # TRUSTED_PROXY_COUNT=1
    IPWARE_STRICT=False,
    AXES_IPWARE_META_PRECEDENCE_ORDER=("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"),
)
def test_behind_a_trusted_proxy_one_address_is_locked_not_everyone_behind_it():
    make_user("erin", password="the right password")
    client = Client()
    # The proxy appends the address it was called from to what the client sent.
    for n in range(10):
        client.post(
            LOGIN,
            {"username": f"nobody{n}", "password": "wrong"},
            headers={"X-Forwarded-For": f"198.51.100.{n}, 203.0.113.5"},  # forged, then real
        )

    elsewhere = client.post(
        LOGIN,
        {"username": "erin", "password": "the right password"},
        headers={"X-Forwarded-For": "198.51.100.7"},
    )
    same_address = Client().post(
        LOGIN,
        {"username": "erin", "password": "the right password"},
        headers={"X-Forwarded-For": "203.0.113.5"},
    )

    assert elsewhere.status_code == 302  # logged in
    assert same_address.status_code == 429


def test_trusted_proxy_count_comes_from_the_environment(tmp_path):
    from perfassist.tests.test_settings import read_setting

    assert read_setting("AXES_IPWARE_META_PRECEDENCE_ORDER", {}, tmp_path) == "('REMOTE_ADDR',)"
    one_proxy = {"TRUSTED_PROXY_COUNT": "1"}
    assert read_setting("AXES_IPWARE_PROXY_COUNT", one_proxy, tmp_path) == "0"
    assert "HTTP_X_FORWARDED_FOR" in read_setting(
        "AXES_IPWARE_META_PRECEDENCE_ORDER", one_proxy, tmp_path
    )
