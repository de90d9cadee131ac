"""The logo mark: the site's favicon and the brand in the nav, one SVG from static/."""

import pytest
from django.templatetags.static import static
from django.test import Client
from django.urls import reverse

from conftest import make_user

pytestmark = pytest.mark.django_db


def test_every_page_links_the_logo_as_its_favicon(client):
    make_user()  # with no account yet, login sends the visitor to the first-run page
    page = client.get(reverse("journal:login")).text

    assert f'<link rel="icon" href="{static("img/logo.svg")}" type="image/svg+xml">' in page


def test_the_nav_shows_the_logo_beside_the_name(client_for):
    page = client_for(make_user()).get(reverse("journal:today")).text

    assert f'<img src="{static("img/logo.svg")}" alt="" width="22" height="22">Perf Assist' in page


def test_the_logo_is_served_as_svg_within_the_content_security_policy(settings):
    # WhiteNoise serves the collected files in production; here it finds them in static/.
    settings.WHITENOISE_USE_FINDERS = True

    response = Client().get(static("img/logo.svg"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    body = b"".join(response.streaming_content)
    assert body.startswith(b"<svg") and b"<script" not in body
    # An <img> and a favicon from our own origin: img-src 'self' allows them.
    make_user()
    policy = Client().get(reverse("journal:login"))["Content-Security-Policy"]
    assert "img-src 'self'" in policy
