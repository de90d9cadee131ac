"""404, 403, CSRF failure and 500 pages: in the site's layout and language, with a way back
to Today, and the 500 page rendered with no context at all (as Django's server_error does).
DEBUG is False in tests, so Django renders these templates as in production."""

import pytest
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.test import Client, override_settings
from django.urls import include, path, reverse

from conftest import make_entry, make_user
from journal.models import Entry

pytestmark = pytest.mark.django_db


def _forbidden(request):
    raise PermissionDenied


@login_not_required  # the 500 page for a visitor too
def _broken(request):
    raise RuntimeError("a bug in a view")


# The site's own URLs (the nav reverses them) plus two views that fail on purpose. The site's
# URLconf is included by name: journal's tests import nothing of perf.
urlpatterns = [
    path("test/forbidden/", _forbidden),
    path("test/broken/", _broken),
    path("", include("perfassist.urls")),
]
WITH_FAILING_VIEWS = override_settings(ROOT_URLCONF=__name__)
BACK_TO_TODAY = '<a href="/today/">Back to Today</a>'


def test_an_unknown_address_is_a_404_in_the_layout_with_the_nav(client_for):
    response = client_for(make_user(language="en")).get("/no/such/page/")

    assert response.status_code == 404
    page = response.text
    assert '<nav class="nav"' in page
    assert "<h1>Page not found</h1>" in page
    assert BACK_TO_TODAY in page
    assert "<title>Page not found · Perf Assist</title>" in page


def test_a_strangers_entry_is_the_same_404_page(client_for):
    entry = make_entry(make_user(), text="Not yours")

    response = client_for(make_user(language="en")).get(
        reverse("journal:entry-edit", args=[entry.pk])
    )

    assert response.status_code == 404
    assert "<h1>Page not found</h1>" in response.text


def test_the_404_speaks_the_profiles_language(client_for):
    user = make_user(language="ru")

    page = client_for(user).get("/no/such/page/", HTTP_ACCEPT_LANGUAGE="en").text

    assert '<html lang="ru">' in page
    assert "<h1>Страница не найдена</h1>" in page
    assert ">Сегодня</a>" in page  # the nav


def test_the_404_speaks_the_browsers_language_to_a_visitor():
    make_user()

    response = Client().get("/no/such/page/", HTTP_ACCEPT_LANGUAGE="ru")

    assert response.status_code == 404
    assert '<html lang="ru">' in response.text
    assert "<h1>Страница не найдена</h1>" in response.text
    assert '<nav class="nav"' not in response.text


@WITH_FAILING_VIEWS
def test_a_forbidden_page_is_a_403_in_the_layout_with_the_nav(client_for):
    response = client_for(make_user(language="en")).get("/test/forbidden/")

    assert response.status_code == 403
    assert '<nav class="nav"' in response.text
    assert "<h1>No access</h1>" in response.text
    assert BACK_TO_TODAY in response.text


def test_a_form_sent_without_its_csrf_token_says_so_in_the_layout_and_saves_nothing():
    user = make_user(language="en")
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)

    response = client.post(reverse("journal:entry-create"), {"type": "fact", "text": "Shipped it"})

    assert response.status_code == 403
    assert '<nav class="nav"' in response.text
    assert "<h1>The form could not be sent</h1>" in response.text
    assert BACK_TO_TODAY in response.text
    assert not Entry.objects.exists()


@WITH_FAILING_VIEWS
@pytest.mark.parametrize("logged_in", [False, True])
def test_a_broken_view_gives_the_500_page_in_the_layout(client, logged_in):
    user = make_user(language="en")
    if logged_in:
        client.force_login(user)
    client.raise_request_exception = False

    response = client.get("/test/broken/")

    assert response.status_code == 500
    page = response.text
    assert "<title>Server error · Perf Assist</title>" in page
    assert "<h1>Server error</h1>" in page
    assert BACK_TO_TODAY in page
    assert 'href="/static/css/app.css"' in page
    # server_error renders with no context: no user, so no nav, and no crash for want of one.
    assert '<nav class="nav"' not in page


@WITH_FAILING_VIEWS
def test_the_500_page_speaks_the_users_language(client_for):
    client = client_for(make_user(language="ru"))
    client.raise_request_exception = False

    page = client.get("/test/broken/").text

    assert '<html lang="ru">' in page
    assert "<h1>Ошибка сервера</h1>" in page
