"""A week's summary card on Today and Feed."""

import datetime

from django.core.exceptions import ValidationError
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from journal.validation import parse_iso_week

from ..journal_parts import week_context
from ..models import WeekSummary
from ..tasks import request_week


@require_http_methods(["GET", "POST"])
def week(request, week):
    """A week's summary card (htmx), and POST to write it (again) in the background."""
    try:
        monday = parse_iso_week(week)
    except ValidationError as error:
        return HttpResponseBadRequest(error.messages[0], content_type="text/plain; charset=utf-8")
    if request.method == "POST":
        summary = request_week(request.user, monday, request.LANGUAGE_CODE)
    else:
        summary = WeekSummary.objects.filter(user=request.user, week_start=monday).first()
    if not request.htmx:
        sunday = monday + datetime.timedelta(days=6)
        return redirect(f"{reverse('journal:feed')}?start={monday}&end={sunday}")
    return render(request, "perf/includes/week.html", week_context(monday, summary))
