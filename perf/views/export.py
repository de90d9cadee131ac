"""The settings page's download of the whole journal."""

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from ..portability.export import export_filename, journal_json, journal_markdown


@require_GET
def journal_export(request, extension):
    """The settings page's download of the whole journal, as export_journal writes it."""
    if extension == "json":
        body, content_type = journal_json(request.user), "application/json"
    else:
        body, content_type = journal_markdown(request.user), "text/markdown; charset=utf-8"
    return HttpResponse(
        body,
        content_type=content_type,
        headers={
            "Content-Disposition": content_disposition_header(
                True, export_filename(request.user, extension)
            )
        },
    )
