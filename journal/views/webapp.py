"""The web app manifest, so that Perf Assist installs to a phone's home screen or a desktop."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

# The logo's accent (static/img/logo.svg) and the light page's background (static/css/app.css).
THEME_COLOR = "#2f5bd3"
BACKGROUND_COLOR = "#f7f7f5"
# Drawn by scripts/make_icons.py; Chromium installs with a PNG of 144 px or more.
ICONS = [
    ("img/icon-192.png", "192x192", "any"),
    ("img/icon-512.png", "512x512", "any"),
    ("img/icon-maskable-512.png", "512x512", "maskable"),
]


@login_not_required  # browsers fetch the manifest without the login cookie
@require_safe
def manifest(request):
    today = reverse("journal:today")
    data = {
        "id": today,
        "name": "Perf Assist",
        "short_name": "Perf Assist",
        "description": _("A work journal of plans and facts that writes your performance review."),
        "lang": get_language(),
        "start_url": today,
        "scope": "/",
        "display": "standalone",
        "theme_color": THEME_COLOR,
        "background_color": BACKGROUND_COLOR,
        "icons": [
            {"src": static(path), "sizes": sizes, "type": "image/png", "purpose": purpose}
            for path, sizes, purpose in ICONS
        ],
    }
    return JsonResponse(
        data, content_type="application/manifest+json", json_dumps_params={"ensure_ascii": False}
    )


@login_not_required
@require_safe
def favicon(request):
    """/favicon.ico, asked for by pages without an icon link (the admin's) and by tools."""
    return HttpResponsePermanentRedirect(static("img/logo.svg"))
