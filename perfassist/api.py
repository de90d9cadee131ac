"""The JSON API under /api/ (django-ninja): entries, goals and perf summaries.

Clients authenticate with a personal token (`Authorization: Bearer pa_…`, made on the
settings page or with `manage.py create_api_token`), or, in the browser, with their session
and its CSRF token. A request without valid credentials is a 401, whatever it asks. Invalid
input is a 400 with field errors and changes nothing: so are query parameters an endpoint
does not take and a body that is not sent as application/json.
"""

import functools

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import RequestDataTooBig
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import HttpBearer
from ninja.security import SessionAuth as NinjaSessionAuth

from journal.api import router as journal_router
from journal.models import ApiToken
from journal.validation import lone_surrogate_message
from perf.api import router as perf_router
from perf.api_forms import router as forms_router


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        user = ApiToken.user_for(token)
        if user is not None:
            request.user = user
        return user


class SessionAuth(NinjaSessionAuth):
    """The browser's own session, with its CSRF token on writes. A request without a
    session has no credentials to check a CSRF token for: it is a 401 like any other
    (ninja's checks the token first and answers 403)."""

    def __call__(self, request):
        # A request that names its credentials (an Authorization header) is judged by
        # them alone: a wrong token is a 401 even beside a logged-in session.
        if not request.user.is_authenticated or "authorization" in request.headers:
            return None
        try:
            return super().__call__(request)
        except HttpError:
            raise HttpError(
                403,
                _(
                    "A browser session's writes need its CSRF token in the X-CSRFToken "
                    "header; scripts use an API token instead."
                ),
            ) from None


api = NinjaAPI(
    title="Perf Assist API",
    version="1",
    description=(
        "Entries, goals and perf summaries of the user the token belongs to. Dates are "
        "written YYYY-MM-DD, from 1970-01-01 to 2100-12-31."
    ),
    auth=[TokenAuth(), SessionAuth()],
    urls_namespace="api",
)


def query_names(operation) -> set[str]:
    """The query parameters an operation takes, as its schema names them."""
    names = set()
    for model in operation.models:
        if model.__ninja_param_source__ == "query":
            names.update(getattr(model, "__ninja_flatten_map__", None) or model.model_fields)
    return names


def takes_body(operation) -> bool:
    return any(model.__ninja_param_source__ == "body" for model in operation.models)


def is_json(request) -> bool:
    content_type = (request.content_type or "").lower()
    return content_type == "application/json" or (
        content_type.startswith("application/") and content_type.endswith("+json")
    )


def request_errors(request, names: set[str], body: bool) -> list[dict]:
    """What ninja would quietly ignore in a request, in the shape of its validation errors:
    unknown or repeated query parameters, and a body not sent as JSON (ninja parses any
    body as JSON, whatever its type says)."""
    errors = []
    for name in request.GET:
        if name not in names:
            message = (
                _("Unknown parameter: this takes only %(names)s.")
                % {"names": ", ".join(sorted(names))}
                if names
                else _("Unknown parameter: this takes no query parameters.")
            )
        elif len(request.GET.getlist(name)) > 1:
            # Django keeps the last of a repeated parameter; the schema allows each once.
            message = _("Give this parameter once.")
        else:
            continue
        errors.append({"loc": ["query", name], "msg": message, "type": "value_error"})
    if body and not is_json(request):
        errors.append(
            {
                "loc": ["header", "Content-Type"],
                "msg": _("Send the body as JSON, with the header Content-Type: application/json."),
                "type": "value_error",
            }
        )
    return errors


def has_credentials(operation, request) -> bool:
    """Whether the request passes the operation's authentication, which ninja runs only
    after this check: credentials come first, so that without them the answer is the 401
    (or a session's 403) whatever else is wrong."""
    if not operation.auth_callbacks:
        return True
    for callback in operation.auth_callbacks:
        try:
            if callback(request):
                return True
        except HttpError:  # a session without its CSRF token: ninja answers it
            return False
    return False


def strict(run):
    """Refuse what an operation does not take, with a 400 naming it (applied to every
    operation's run, before ninja reads the request)."""
    operation = run.__self__
    names, body = query_names(operation), takes_body(operation)

    @functools.wraps(run)
    def checked(request, *args, **kwargs):
        errors = request_errors(request, names, body)
        if errors and has_credentials(operation, request):
            return api.on_exception(request, ValidationError(errors))
        return run(request, *args, **kwargs)

    return checked


api.add_decorator(strict, mode="view")
api.add_router("/", journal_router)
api.add_router("/", perf_router)
api.add_router("/", forms_router)


@api.exception_handler(ValidationError)
def invalid_input(request, exc):
    # 400, not ninja's 422: the request was wrong, and nothing was written.
    errors = [
        # Pydantic's words for a lone surrogate ("unable to parse raw data as a unicode
        # string") do not say what to fix.
        {**error, "msg": lone_surrogate_message()}
        if error.get("type") == "string_unicode"
        else error
        for error in exc.errors
    ]
    return api.create_response(request, {"detail": errors}, status=400)


@api.exception_handler(RequestDataTooBig)
def too_big(request, exc):
    return api.create_response(
        request,
        {"detail": _("The request is too large: send at most %(size)s MB.")
         % {"size": f"{settings.DATA_UPLOAD_MAX_MEMORY_SIZE / 1024 / 1024:.1f}"}},
        status=413,
    )  # fmt: skip


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
