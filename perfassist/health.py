"""/healthz: for load balancers and the container's HEALTHCHECK."""

from django.db import DatabaseError, connection
from django.http import JsonResponse

HEALTH_PATH = "/healthz"


def database_health() -> JsonResponse:
    """200 when the database answers, 503 when it does not. No login, no user data."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "down"}, status=503)
    return JsonResponse({"status": "ok", "database": "up"})


class HealthCheckMiddleware:
    """Answers GET /healthz ahead of every other middleware.

    A probe asks on localhost over plain HTTP: ALLOWED_HOSTS and SECURE_SSL_REDIRECT,
    right for users, would answer it 400 or 301 although the app is healthy.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == HEALTH_PATH and request.method in ("GET", "HEAD"):
            return database_health()
        return self.get_response(request)
