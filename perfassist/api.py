"""The JSON API under /api/ (django-ninja): entries, goals and perf summaries.

Clients authenticate with a personal token (`Authorization: Bearer pa_…`, made on the
settings page or with `manage.py create_api_token`), or, in the browser, with their session
and its CSRF token. Invalid input is a 400 with field errors and changes nothing.
"""

from django.contrib.auth.decorators import login_not_required
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError
from ninja.security import HttpBearer, django_auth

from journal.api import router as journal_router
from journal.models import ApiToken
from perf.api import router as perf_router


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        user = ApiToken.user_for(token)
        if user is not None:
            request.user = user
        return user


api = NinjaAPI(
    title="Perf Assist API",
    version="1",
    description="Entries, goals and perf summaries of the user the token belongs to.",
    auth=[TokenAuth(), django_auth],
    urls_namespace="api",
)
api.add_router("/", journal_router)
api.add_router("/", perf_router)


@api.exception_handler(ValidationError)
def invalid_input(request, exc):
    # 400, not ninja's 422: the request was wrong, and nothing was written.
    return api.create_response(request, {"detail": exc.errors}, status=400)


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    response = api.create_response(
        request, {"detail": _("Send a valid API token: Authorization: Bearer <token>.")}, status=401
    )
    response["WWW-Authenticate"] = "Bearer"
    return response


def urls():
    """The API's URL patterns, exempt from the site's login redirect: the API answers 401."""
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        pattern.callback = login_not_required(pattern.callback)
    return patterns, app_name, namespace
