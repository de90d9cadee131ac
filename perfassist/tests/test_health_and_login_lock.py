"""/healthz, and failed logins slowed then locked (django-axes)."""

import datetime

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.db import OperationalError, connection
from django.test import Client, override_settings
from django.urls import reverse

from conftest import make_user
from journal.login_throttle import LONGEST_WAIT

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


@pytest.fixture
def clock():
    """A stopped clock: tests move it on past the waits between wrong passwords."""
    start = datetime.datetime(2026, 11, 24, 12, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False) as traveller:
        yield traveller


def wrong_password(client, clock, username, **headers):
    """A failed login, then past any wait it causes, so the next try is checked."""
    response = client.post(LOGIN, {"username": username, "password": "wrong"}, headers=headers)
    clock.shift(LONGEST_WAIT + 1)
    return response


ATTACKER = "203.0.113.66"
OWNER = "198.51.100.20"


def test_ten_wrong_passwords_lock_the_login_even_for_the_right_one(clock):
    make_user("ann", password="the right password")
    client = Client()

    for _ in range(9):
        wrong = wrong_password(client, clock, "ann")
        assert wrong.status_code == 200  # the form again, with its error
    tenth = wrong_password(client, clock, "ann")
    right = client.post(LOGIN, {"username": "ann", "password": "the right password"})

    assert tenth.status_code == right.status_code == 429
    assert "Too many failed logins" in right.text
    assert "for this account from your address" in right.text
    assert "_auth_user_id" not in client.session


def test_a_lock_from_another_address_does_not_lock_the_owner_out(clock):
    make_user("vic", password="the right password")
    attacker = Client(REMOTE_ADDR=ATTACKER)
    for _ in range(10):
        wrong_password(attacker, clock, "vic")

    owner = Client(REMOTE_ADDR=OWNER)
    owners_login = owner.post(LOGIN, {"username": "vic", "password": "the right password"})
    attackers_login = attacker.post(LOGIN, {"username": "vic", "password": "the right password"})

    assert owners_login.status_code == 302  # logged in from their own address
    assert owner.session["_auth_user_id"] == str(get_user_model().objects.get().pk)
    assert attackers_login.status_code == 429  # the owner's login did not unlock the attacker
    assert "_auth_user_id" not in attacker.session


def test_the_slowdown_counts_one_name_from_one_address(clock):
    make_user("gus", password="the right password")
    attacker = Client(REMOTE_ADDR=ATTACKER)
    for _ in range(3):
        attacker.post(LOGIN, {"username": "gus", "password": "wrong"})
    for n in range(3):  # the same address guessing other names
        attacker.post(LOGIN, {"username": f"nobody{n}", "password": "wrong"})

    slowed = attacker.post(LOGIN, {"username": "gus", "password": "the right password"})
    owner = Client(REMOTE_ADDR=OWNER).post(
        LOGIN, {"username": "gus", "password": "the right password"}
    )
    other_name = attacker.post(LOGIN, {"username": "nobody9", "password": "wrong"})

    assert slowed.status_code == 429
    assert owner.status_code == 302  # not slowed by the attacker's failures
    assert other_name.status_code == 200  # checked at once: a new pair starts from 0


def test_after_three_wrong_passwords_each_try_waits_twice_as_long(clock):
    make_user("fay", password="the right password")
    client = Client()
    for _ in range(3):
        client.post(LOGIN, {"username": "fay", "password": "wrong"})

    too_soon = client.post(LOGIN, {"username": "fay", "password": "the right password"})
    assert too_soon.status_code == 429
    assert too_soon["Retry-After"] == "1"
    assert "wait 1 second before trying again" in too_soon.text
    assert "_auth_user_id" not in client.session  # not even checked

    clock.shift(1)
    fourth = client.post(LOGIN, {"username": "fay", "password": "wrong"})
    assert fourth.status_code == 200  # checked, and wrong: now 2 seconds
    clock.shift(1)
    assert client.post(LOGIN, {"username": "fay", "password": "wrong"})["Retry-After"] == "1"
    clock.shift(1)
    right = client.post(LOGIN, {"username": "fay", "password": "the right password"})
    assert right.status_code == 302  # the tries refused early were not counted as failures


def test_a_right_password_before_the_limit_resets_the_count(clock):
    make_user("bob", password="the right password")
    client = Client()
    for _ in range(9):
        wrong_password(client, clock, "bob")

    client.post(LOGIN, {"username": "bob", "password": "the right password"})
    client.logout()
    after = client.post(LOGIN, {"username": "bob", "password": "wrong"})
    again = client.post(LOGIN, {"username": "bob", "password": "wrong"})

    assert after.status_code == again.status_code == 200  # counting starts again from 0


def test_without_a_trusted_proxy_a_forged_forwarded_for_does_not_dodge_the_lock(clock):
    make_user("dana", password="the right password")
    attacker = Client(REMOTE_ADDR=ATTACKER)
    for n in range(10):  # each from a different claimed address, all from one real one
        wrong_password(attacker, clock, "dana", **{"X-Forwarded-For": f"198.51.100.{n}"})

    locked = attacker.post(
        LOGIN,
        {"username": "dana", "password": "the right password"},
        headers={"X-Forwarded-For": OWNER},
    )
    owner = Client(REMOTE_ADDR=OWNER).post(
        LOGIN, {"username": "dana", "password": "the right password"}
    )

    assert locked.status_code == 429
    assert owner.status_code == 302


@override_settings(
    AXES_IPWARE_PROXY_COUNT=0,  # TRUSTED_PROXY_COUNT=1
    IPWARE_STRICT=False,
    AXES_IPWARE_META_PRECEDENCE_ORDER=("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"),
)
def test_behind_a_trusted_proxy_one_address_is_locked_not_everyone_behind_it(clock):
    make_user("erin", password="the right password")
    client = Client()
    # The proxy appends the address it was called from to what the client sent.
    for n in range(10):
        forged_then_real = {"X-Forwarded-For": f"198.51.100.{n}, 203.0.113.5"}
        wrong_password(client, clock, "erin", **forged_then_real)

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
