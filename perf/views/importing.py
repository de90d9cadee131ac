"""Settings' import of a journal file: the upload, and the run's progress while the worker
imports it (perf/portability/upload_run.py)."""

from django.conf import settings
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods

from ..forms import ImportForm
from ..import_runs import ImportRun
from ..portability.upload_run import create_import
from ..tasks import start_import

SECTION = "perf/includes/export_settings.html#import-section"
# What a multipart body holds beside the file: its boundaries, headers and the CSRF token.
FRAMING_BYTES = 64 * 1024


def declared_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


# Exempt here and protected below: the CSRF check reads the body (the token is a field of
# it), and a file too large must be refused before its body is read at all.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def journal_import(request):
    """GET: the import form and the last imports. POST: the upload, refused by its size
    before anything is read, then checked, stored and queued for the worker."""
    if request.method == "POST" and declared_length(request) > (
        settings.IMPORT_MAX_BYTES + FRAMING_BYTES
    ):
        form = ImportForm({}, {}, too_large=True)
        form.is_valid()
        return import_page(request, form, status=422)
    return protected_import(request)


@csrf_protect
def protected_import(request):
    if request.method == "GET":
        return import_page(request, ImportForm())
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return import_page(request, form, status=422)
    upload = form.cleaned_data["file"]
    run = create_import(request.user, upload.name, form.raw, form.kind)
    start_import(run)
    if request.htmx:
        return import_page(request, ImportForm())
    return redirect("perf:journal-import-run", pk=run.pk)


def import_page(request, form, status=200):
    context = {"import_form": form, "import_runs": ImportRun.recent(request.user)}
    template = SECTION if request.htmx else "perf/journal_import.html"
    return render(request, template, context, status=status)


@require_GET
def journal_import_run(request, pk):
    """One import's progress: its fragment for htmx's polling, else a page of its own."""
    run = get_object_or_404(ImportRun.objects.defer("upload"), pk=pk, user=request.user)
    if request.htmx:
        return render(request, "perf/includes/export_settings.html#import-run", {"run": run})
    return render(request, "perf/journal_import_run.html", {"run": run})
