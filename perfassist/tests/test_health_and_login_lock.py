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
