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
from ..llm import openai_compat
from ..llm.config import described_settings, llm_config
from ..services.connection import request_check
from ..tasks import start_check

CHECK = "perf/includes/connection_check.html"
LABELS = {
    "LLM_PROVIDER": _("Provider"),
    "LLM_MODEL": _("Model"),
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


@require_GET
@staff_only
def llm_settings(request):
    config = llm_config()
    provider = config.resolved_provider()
    check = ConnectionCheck.objects.first()
    found = openai_compat.found_mode(config) if provider == "openai" else None
    if found is None and check and check.status == "done" and check.provider == provider:
        if provider != "openai" or check.base_url == openai_compat.base_url(config):
            found = check.json_mode
    return render(
        request,
        "perf/llm_settings.html",
        {
            "provider": provider,
            "rows": [
                {"setting": row, "label": LABELS[row.name], "source": SOURCES[row.source]}
                for row in described_settings(config)
            ],
            "stage_seconds": config.stage_seconds,
            "found_mode": found,
            "check": check,
        },
    )


@require_POST
@staff_only
def llm_test(request):
    check = request_check(request.user, get_language())
    start_check(check)
    if request.htmx:
        return render(request, CHECK, {"check": check})
    return redirect("perf:llm-settings")


@require_GET
@staff_only
def llm_check(request, pk):
    """One test's state, for htmx's polling while the worker runs it."""
    check = get_object_or_404(ConnectionCheck, pk=pk)
    if not request.htmx:
        return redirect("perf:llm-settings")
    return render(request, CHECK, {"check": check})
