"""Factories shared by every app's tests: small functions with sensible defaults."""

import datetime
import itertools

import pytest
from django.contrib.auth import get_user_model

from journal.models import Entry, EntryType

# The browser tests' Chromium, fixtures and helpers, for journal's and perf's alike.
pytest_plugins = ["perfassist.tests.browser"]

_usernames = itertools.count(1)


def make_user(
    username=None, *, password="correct horse battery", role=None, language=None, time_zone=None
):
    user = get_user_model().objects.create_user(
        username=username or f"user{next(_usernames)}", password=password
    )
    profile = user.profile
    for field, value in {"role": role, "language": language, "time_zone": time_zone}.items():
        if value is not None:
            setattr(profile, field, value)
    profile.save()
    return user


def make_entry(user, *, type=EntryType.FACT, text="Shipped the thing", date=None, **fields):
    return Entry.objects.create(
        user=user, type=type, text=text, date=date or datetime.date(2026, 11, 24), **fields
    )


def make_goal(user, *, title="Fast search", **fields):
    """A goal of `user`; its #tag comes from the title unless `slug` is given."""
    from perf.models import Goal

    return Goal.objects.create(user=user, title=title, **fields)


# perf's models are imported inside its factories: journal's tests load this module too.


def make_week_summary(user, monday, **fields):
    """A done summary of the week of `monday`, with one point."""
    from perf.models import SummaryStatus, WeekSummary

    fields = {
        "language": "en", "role": "engineer", "status": SummaryStatus.DONE,
        "bullets": [{"id": "b1", "text": "Shipped", "entry_ids": [], "unsupported": False}],
        **fields,
    }  # fmt: skip
    return WeekSummary.objects.create(user=user, week_start=monday, **fields)


def make_summary(
    user,
    *,
    start=datetime.date(2026, 3, 1),
    end=datetime.date(2026, 3, 31),
    role="engineer",
    language="en",
    **fields,
):
    """A summary row of `user` for the period, as it is stored: pending with nothing written,
    unless `fields` say otherwise (`status="done"`, `summary_text=...`). Nothing is checked
    or written: make its reviews with make_review, or use make_written_summary."""
    from perf.models import PerfSummary

    return PerfSummary.objects.create(
        user=user, period_start=start, period_end=end, role=role, language=language, **fields
    )


def make_written_summary(
    user,
    *,
    start=datetime.date(2026, 3, 1),
    end=datetime.date(2026, 3, 31),
    config=None,
    **options,
):
    """A summary of `user`'s entries of the period written as the worker writes it: asked for
    through create_summary (role and language follow the profile unless `options` give them,
    with `exclude_entry_ids`), then run by the offline provider, or by `config`. Returned as
    stored; a failed run is returned too, for the test to look at."""
    from perf.llm import LLMConfig
    from perf.services.summaries import create_summary, run_summary

    summary = create_summary(user, start=start, end=end, **options)
    run_summary(summary, config or LLMConfig(provider="offline"))
    summary.refresh_from_db()
    return summary


def make_review(summary, *, title="Reliable billing", position=0, context_entries=(), **fields):
    """A goal review of `summary`, its context resting on `context_entries`."""
    review = summary.goal_reviews.create(title=title, position=position, **fields)
    review.context_entries.add(*context_entries)
    return review


def make_point(review, *entries, section="output", text="Shipped the thing", position=0, **fields):
    """A point of `review` citing `entries` in order; `cited_count` is how many it cites, as
    when it is written, unless given (fewer citations than that: a cited entry was deleted)."""
    from perf.models import Citation

    fields.setdefault("cited_count", len(entries))
    point = review.points.create(section=section, text=text, position=position, **fields)
    Citation.objects.bulk_create(point.cite(entry.pk for entry in entries))
    return point


def api_client(user, **options):
    """A test client that calls the JSON API with a new token of `user` (`options` go to
    Client, such as raise_request_exception)."""
    from django.test import Client

    from journal.models import ApiToken

    _, token = ApiToken.issue(user, "tests")
    return Client(headers={"Authorization": f"Bearer {token}"}, **options)


@pytest.fixture(scope="session")
def base_url(pytestconfig):
    # Same value as pytest-playwright's fallback fixture, which pytest 9 warns about because
    # it is defined as a method of a plugin object (PytestRemovedIn10Warning). Here, in a
    # conftest, because a conftest's fixture overrides a plugin's; another plugin's may not.
    return pytestconfig.getoption("--base-url") or pytestconfig.getini("base_url") or None


@pytest.fixture
def user(db):
    return make_user("alice")


@pytest.fixture
def client_for(client):
    """A test client logged in as the given user."""

    def login(user):
        client.force_login(user)
        return client

    return login


@pytest.fixture
def alice_client(client, user):
    client.force_login(user)
    return client


@pytest.fixture(autouse=True)
def _static_files_without_collectstatic(settings):
    """Tests render {% static %} from the source folders; production uses the manifest."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _english_by_default():
    """A request in one test leaves its language active in the thread; start each in English."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _fresh_llm_discoveries():
    """What a process learnt of its LLM servers (the JSON mode found, whether the local-ai
    service runs) belongs to the test that learnt it: ports are reused."""
    from perf.llm import config, openai_compat

    yield
    openai_compat._found_modes.clear()
    config._local_ai_seen.clear()


def pytest_collection_modifyitems(config, items):
    # PostgreSQL-only tests (other processes must reach the test database, which on SQLite
    # lives in memory) are left out of a SQLite run; CI checks that its PostgreSQL run had them.
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        left_out = [item for item in items if item.get_closest_marker("postgresql")]
        if left_out:
            config.hook.pytest_deselected(items=left_out)
            items[:] = [item for item in items if item not in left_out]
    # The fault suite takes minutes: only when asked for (-m fault, as .ci/run does).
    if "fault" not in (config.option.markexpr or ""):
        left_out = [item for item in items if item.get_closest_marker("fault")]
        if left_out:
            config.hook.pytest_deselected(items=left_out)
            items[:] = [item for item in items if item not in left_out]
    # The llamacpp tests need a real llama.cpp server (scripts/llamacpp_server.sh): only when
    # asked for (-m llamacpp, as .ci/run does, with PERFASSIST_LLAMACPP_URL set).
    if "llamacpp" not in (config.option.markexpr or ""):
        left_out = [item for item in items if item.get_closest_marker("llamacpp")]
        if left_out:
            config.hook.pytest_deselected(items=left_out)
            items[:] = [item for item in items if item not in left_out]
    # Browser tests last: they are the slowest, and Playwright's sync API leaves an event
    # loop in the main thread for the rest of the session, which Django's async-safety
    # check then trips over in database tests that run after it.
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)
