"""Installing to a home screen (the manifest and its icons), the shortcuts' list and the
phone's Feed filters, as the server renders them. The browser side is in
test_browser_keys_and_phone.py."""

import importlib.util
import json
import struct
from pathlib import Path

import pytest
from django.templatetags.static import static
from django.test import Client
from django.urls import reverse

from conftest import make_user

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
MANIFEST = reverse("journal:manifest")


def png_size(body: bytes) -> tuple[int, int]:
    assert body[:8] == b"\x89PNG\r\n\x1a\n" and body[12:16] == b"IHDR"
    return struct.unpack(">II", body[16:24])


@pytest.fixture
def served_static(settings):
    # WhiteNoise serves the collected files in production; here it finds them in static/.
    settings.WHITENOISE_USE_FINDERS = True


def test_the_manifest_is_served_to_a_browser_that_is_not_logged_in():
    # Browsers fetch it without the login cookie: it must not answer with the login page.
    response = Client().get(MANIFEST)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["name"] == manifest["short_name"] == "Perf Assist"
    assert manifest["start_url"] == reverse("journal:today")
    assert manifest["display"] == "standalone"
    assert manifest["theme_color"] == "#2f5bd3" and manifest["background_color"] == "#f7f7f5"


def test_favicon_ico_leads_to_the_logo_for_pages_without_an_icon_link(served_static):
    # The admin's pages link no icon, so browsers ask for /favicon.ico (a 404 logged an error).
    response = Client().get("/favicon.ico")

    assert response.status_code == 301
    assert response["Location"] == static("img/logo.svg")
    assert Client().get(response["Location"]).status_code == 200


def test_the_manifest_speaks_the_browsers_language():
    response = Client().get(MANIFEST, HTTP_ACCEPT_LANGUAGE="ru")

    manifest = json.loads(response.content)
    assert manifest["lang"] == "ru"
    assert manifest["description"] != "" and response["Content-Language"] == "ru"


def test_the_manifest_refuses_a_post():
    assert Client().post(MANIFEST).status_code == 405


def test_each_icon_of_the_manifest_is_a_png_of_its_declared_size(served_static):
    icons = json.loads(Client().get(MANIFEST).content)["icons"]

    assert {(icon["sizes"], icon["purpose"]) for icon in icons} == {
        ("192x192", "any"),
        ("512x512", "any"),
        ("512x512", "maskable"),
    }
    for icon in icons:
        response = Client().get(icon["src"])
        assert response.status_code == 200, icon
        assert response["Content-Type"] == icon["type"] == "image/png"
        width, height = icon["sizes"].split("x")
        assert png_size(b"".join(response.streaming_content)) == (int(width), int(height))


def test_the_icons_are_the_ones_scripts_make_icons_draws():
    spec = importlib.util.spec_from_file_location("make_icons", ROOT / "scripts/make_icons.py")
    make_icons = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_icons)

    # The small ones: drawing the 512 px icons takes seconds.
    for name in ("icon-192.png", "apple-touch-icon.png"):
        drawn = make_icons.draw(*make_icons.ICONS[name])
        assert drawn == (ROOT / "static/img" / name).read_bytes(), (
            f"run scripts/make_icons.py ({name})"
        )


def test_every_page_links_the_manifest_and_the_apple_touch_icon(client_for):
    make_user()  # with no account yet, login sends the visitor to the first-run page
    for page in (
        Client().get(reverse("journal:login")).text,
        client_for(make_user()).get(reverse("journal:today")).text,
    ):
        assert f'<link rel="manifest" href="{MANIFEST}">' in page
        assert f'<link rel="apple-touch-icon" href="{static("img/apple-touch-icon.png")}">' in page


def test_the_content_security_policy_allows_our_own_manifest():
    make_user()
    policy = Client().get(reverse("journal:login"))["Content-Security-Policy"]

    assert "manifest-src 'self'" in policy


def test_the_shortcuts_list_is_rendered_for_a_logged_in_user_only(client_for):
    anonymous = Client().get(reverse("journal:login")).text
    page = client_for(make_user()).get(reverse("journal:feed")).text

    assert 'id="shortcuts"' not in anonymous
    assert '<dialog id="shortcuts" class="shortcuts" aria-labelledby="shortcuts-title"' in page
    assert f'data-today-url="{reverse("journal:today")}"' in page
    assert f'data-feed-url="{reverse("journal:feed")}"' in page
    assert "Keyboard shortcuts" in page and "<kbd>j</kbd> <kbd>k</kbd>" in page


def test_the_shortcuts_list_is_in_the_users_language(client_for):
    page = client_for(make_user(language="ru")).get(reverse("journal:today")).text

    dialog = page.split('<dialog id="shortcuts"', 1)[1].split("</dialog>", 1)[0]
    assert "Сочетания клавиш" in dialog
    assert "Закрыть" in dialog
    assert "Keyboard shortcuts" not in dialog and "Close" not in dialog


def test_the_nav_has_a_short_label_for_the_perf_summary(client_for):
    page = client_for(make_user(language="ru")).get(reverse("journal:today")).text

    assert (
        '<span class="nav__long">Перф-саммари</span><span class="nav__short">Саммари</span>' in page
    )


def test_feeds_filters_are_folded_until_a_filter_is_set(client_for):
    client = client_for(make_user())

    plain = client.get(reverse("journal:feed")).text
    searched = client.get(reverse("journal:feed"), {"q": "billing"}).text
    faulty = client.get(reverse("journal:feed"), {"start": "not a date"}).text

    assert '<details class="filters-fold" id="feed-filters">' in plain
    assert '<details class="filters-fold" id="feed-filters" open>' in searched
    assert '<details class="filters-fold" id="feed-filters" open>' in faulty
