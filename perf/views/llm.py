"""Settings → LLM, for staff: what the app asks (provider, model, server, JSON mode, budget,
timeouts) and where each value came from, and "Test the connection", which the worker runs
with its own configuration (perf/services/connection.py)."""

import functools

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from ..connection_checks import ConnectionCheck
from ..llm.config import (
    described_settings,
    found_json_mode,
    json_mode_is_set,
    llm_config,
    model_in_use,
    server_in_use,
)
from ..services.connection import request_check
from ..tasks import start_check

CHECK = "perf/includes/connection_check.html"
LABELS = {
    "LLM_PROVIDER": _("Provider"),
    "LLM_MODEL": _("Model"),
    "OPENAI_API_KEY": _("API key"),
    "ANTHROPIC_API_KEY": _("API key"),
    "LOCAL_MODEL": _("Model"),
    "OPENAI_BASE_URL": _("Server"),
    "LOCAL_AI_URL": _("Server"),
    "ANTHROPIC_BASE_URL": _("Server"),
    "OPENAI_JSON_MODE": _("JSON mode"),
    "LLM_INPUT_BUDGET": _("Prompt budget, tokens (longer periods go week by week)"),
    "LLM_TIMEOUT": _("Timeout of one answer, seconds"),
    "LLM_MAX_RETRIES": _("Retries of a failed call"),
    "LLM_CONCURRENCY": _("Weeks written at once"),
}
SOURCES = {
    "environment": _("environment"),
    ".env": _(".env file"),
    "default": _("default"),
    "local-ai": _("compose's local-ai profile"),
    "auto": _("auto: chosen by the keys and servers that are set"),
}


def staff_only(view):
    """The server's LLM settings are its admins' (403 for other users)."""

    @functools.wraps(view)
    def checked(request, *args, **kwargs):
        if not request.user.is_staff:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return checked


def same_settings(check: ConnectionCheck, config) -> bool:
    """Whether a finished test was of the settings in use now (not of a server since changed)."""
    if check.in_progress:
        return True
    provider = config.resolved_provider()
    if check.provider != provider:
        return False
    return (check.model, check.base_url) == (model_in_use(config), server_in_use(config))


def page_context(check=None):
    config = llm_config()
    provider = config.resolved_provider()
    check = check or ConnectionCheck.objects.select_related("user").first()
    current = check is not None and same_settings(check, config)
    mode_set = provider == "openai" and json_mode_is_set(config)
    found = found_json_mode(config) if provider == "openai" and not mode_set else None
    if found is None and not mode_set:
        # What the last finished test of these settings found (not one waiting now).
        done = ConnectionCheck.objects.filter(status="done").first()
        if done is not None and same_settings(done, config):
            found = done.json_mode
    return {
        "provider": provider,
        "rows": [
            {"setting": row, "label": LABELS[row.name], "source": SOURCES[row.source]}
            for row in described_settings(config)
        ],
        "stage_seconds": config.stage_seconds,
        "found_mode": found,
        "json_mode_set": config.openai_json_mode if mode_set else "",
        "check": check,
        "check_is_current": current,
    }


@require_GET
@staff_only
def llm_settings(request):
    return render(request, "perf/llm_settings.html", page_context())


@require_POST
@staff_only
def llm_test(request):
    """Queue a test, unless one is waiting or running already (a second press)."""
    check = ConnectionCheck.objects.select_related("user").first()
    if check is None or not check.in_progress or check.stuck():
        check = request_check(request.user, get_language())
        start_check(check)
    if request.htmx:
        return render(request, CHECK, {"check": check, "check_is_current": True})
    return redirect("perf:llm-settings")


@require_GET
@staff_only
def llm_check(request, pk):
    """One test's state, for htmx's polling while the worker runs it; once it is over, the
    settings' section again too (the JSON mode it found)."""
    check = get_object_or_404(ConnectionCheck.objects.select_related("user"), pk=pk)
    if not request.htmx:
        return redirect("perf:llm-settings")
    return render(request, "perf/includes/connection_check_poll.html", page_context(check))
