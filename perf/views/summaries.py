"""The perf summary pages: the form with its evidence, a summary, its download."""

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from journal.validation import is_supported_date

from ..forms import SummaryForm
from ..models import PerfSummary, SummaryStatus
from ..review_forms import COO
from ..services.evidence import evidence, unused_facts
from ..services.markdown import summary_markdown
from ..services.pieces import needing_a_look, pieces_of
from ..services.shown import shown_answers, with_points
from ..services.summaries import create_summary
from ..tasks import start_summary


def get_summary_for_user(request, pk):
    return get_object_or_404(PerfSummary, pk=pk, user=request.user)


def summary_form(request, data):
    profile = request.profile
    defaults = {
        "preset": "half_year",
        "role": profile.role,
        "language": profile.language or request.LANGUAGE_CODE or settings.LANGUAGE_CODE,
        "form_key": COO,
    }
    if data is not None and data is request.GET:
        data = {**defaults, **data.dict(), "exclude": data.getlist("exclude")}
    return SummaryForm(data, today=profile.today(), user=request.user, initial=defaults)


def form_evidence(request, form):
    """The evidence of the form's period, or None while the period is not valid."""
    if not form.is_valid():
        return None
    data = form.cleaned_data
    return evidence(
        request.user, data["start"], data["end"], exclude_ids=[e.pk for e in data["exclude"]]
    )


@require_http_methods(["GET", "POST"])
def summary_index(request):
    """The form that starts a summary (with its evidence first), and past summaries."""
    form = summary_form(request, request.POST if request.method == "POST" else None)
    previewing = "preview" in request.POST
    if request.method == "POST" and not previewing and form.is_valid():
        summary = create_summary(
            request.user,
            start=form.cleaned_data["start"],
            end=form.cleaned_data["end"],
            role=form.cleaned_data["role"],
            language=form.cleaned_data["language"],
            exclude_entry_ids=[entry.pk for entry in form.cleaned_data["exclude"]],
            form=form.cleaned_data["form"],
        )
        start_summary(summary)
        return redirect("perf:summary-detail", pk=summary.pk)
    context = {
        "form": form,
        "summaries": PerfSummary.objects.filter(user=request.user)[:50],
        "evidence": form_evidence(request, form) if previewing else None,
        "panel_loaded": previewing,
    }
    status = 422 if form.is_bound and form.errors else 200
    return render(request, "perf/summary_index.html", context, status=status)


def summary_evidence(request):
    """The evidence panel of the summary form, for the period chosen so far (htmx)."""
    form = summary_form(request, request.GET)
    context = {"form": form, "evidence": form_evidence(request, form), "panel_loaded": True}
    return render(request, "perf/summary_index.html#evidence", context)


def summary_detail(request, pk):
    """A summary; while it is being written the page refreshes its body until it is done."""
    summary = PerfSummary.objects.filter(pk=pk, user=request.user).first()
    if summary is None:
        if request.htmx:
            return HttpResponse(status=286)  # deleted meanwhile: htmx stops polling
        raise Http404
    reviews = list(with_points(summary.goal_reviews.all()))
    in_progress = summary.status in (SummaryStatus.PENDING, SummaryStatus.RUNNING)
    coverage = None
    # A failed rewrite shows the summary written before it, and so its coverage too.
    written = summary.status == SummaryStatus.DONE or (
        summary.status == SummaryStatus.FAILED and reviews
    )
    # A period kept before the supported dates were enforced (year 1, 9999) has no
    # coverage to count: its weeks would run off the calendar.
    supported = is_supported_date(summary.period_start) and is_supported_date(summary.period_end)
    if written and supported:
        coverage = evidence(
            request.user,
            summary.period_start,
            summary.period_end,
            exclude_ids=summary.excluded_entry_ids,
        )
        coverage["unused_facts"] = unused_facts(summary)
    narrative = pieces_of(summary, reviews)
    context = {
        "summary": summary,
        "reviews": reviews,
        "narrative": narrative,
        "in_progress": in_progress,
        "editable": not in_progress,
        "rewriting": next((r for r in reviews if r.pk == summary.rewriting_review_id), None),
        "coverage": coverage,
        "flagged": needing_a_look(narrative, reviews),
        "answers": shown_answers(summary, reviews) if summary.form_questions else None,
    }
    template = (
        "perf/summary_detail.html#summary-body" if request.htmx else "perf/summary_detail.html"
    )
    return render(request, template, context)


def summary_download(request, pk):
    summary = get_summary_for_user(request, pk)
    if summary.status != SummaryStatus.DONE:
        return HttpResponse(_("This summary is not written yet."), status=409)
    response = HttpResponse(summary_markdown(summary), content_type="text/markdown; charset=utf-8")
    filename = f"perf-summary-{summary.period_start}-{summary.period_end}.md"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_http_methods(["GET", "POST"])
def summary_delete(request, pk):
    summary = get_summary_for_user(request, pk)
    if request.method == "POST":
        summary.delete()
        return redirect("perf:summary-index")
    return render(request, "perf/summary_delete.html", {"summary": summary})


@require_POST
def summary_regenerate(request, pk):
    """Write the same summary again (same period, role, language and left-out entries)."""
    summary = get_summary_for_user(request, pk)
    requeued = PerfSummary.objects.filter(
        pk=summary.pk, status__in=[SummaryStatus.DONE, SummaryStatus.FAILED]
    ).update(status=SummaryStatus.PENDING, error="", rewriting_review_id=None)
    if requeued:  # not while it is already waiting or being written
        start_summary(summary)
    return redirect("perf:summary-detail", pk=summary.pk)
