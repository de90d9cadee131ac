"""Repeated wrong passwords are slowed down before django-axes locks them out.

Axes counts failed logins per pair of user name and address (AXES_LOCKOUT_PARAMETERS) and
locks that pair at AXES_FAILURE_LIMIT; the slowdown reads the same counts, so a guesser
elsewhere slows down only their own tries, never the owner's. From LOGIN_SLOWDOWN_AFTER
failures on, each further try must also wait, twice as long each time (1, 2, 4 … seconds,
at most a minute) since the last failure: a password guesser gets a few dozen tries an hour
instead of ten in a second, and a person who mistyped barely notices. Waiting costs the
server nothing: an early try is answered at once, unchecked.
"""

import math

from axes.handlers.proxy import AxesProxyHandler
from django.db.models import Max, Sum
from django.utils import timezone

LOGIN_SLOWDOWN_AFTER = 3
LONGEST_WAIT = 60  # seconds


def seconds_to_wait(request, username: str) -> int:
    """Seconds before this login may be tried, from the failures axes recorded for this
    user name from this address; 0 when it may be tried now."""
    AxesProxyHandler.update_request(request)
    handler = AxesProxyHandler.get_implementation()
    if not hasattr(handler, "get_user_attempts"):  # a handler that keeps no records
        return 0
    failures, last_failure = 0, None
    for attempts in handler.get_user_attempts(request, {"username": username}):
        totals = attempts.aggregate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
        failures = max(failures, totals["failures"] or 0)
        if totals["last"] and (last_failure is None or totals["last"] > last_failure):
            last_failure = totals["last"]
    if failures < LOGIN_SLOWDOWN_AFTER or last_failure is None:
        return 0
    delay = min(2 ** (failures - LOGIN_SLOWDOWN_AFTER), LONGEST_WAIT)
    waited = (timezone.now() - last_failure).total_seconds()
    return max(0, math.ceil(delay - waited))
