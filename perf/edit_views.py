"""Editing a written summary in place: any text, locks, rewriting one goal."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRefresh

from journal.models import Entry

from .editing import find_piece
from .forms import PieceForm
from .models import GoalReview, PerfSummary, SummaryStatus
from .services import start_summary

EDITABLE = (SummaryStatus.DONE, SummaryStatus.FAILED)


def get_piece(request, pk, part, review=None):
    summary = get_object_or_404(PerfSummary, pk=pk, user=request.user)
    piece = find_piece(summary, part, review)
    if piece is None:
        raise Http404
    return piece


def not_editable(request, piece):
    """While the summary is being written, its texts wait: htmx reloads the page to show it."""
    if request.htmx:
        return HttpResponseClientRefresh()
    return HttpResponse(
        _("This summary is being written again; edit it once that is done."), status=409
    )


def piece_page(piece) -> str:
    return reverse("perf:summary-detail", args=[piece.summary.pk]) + f"#piece-{piece.key}"


def render_piece(request, piece):
    if piece.kind == "bullet":
        ids = piece.entry_ids
        entries = {str(e.pk): e for e in Entry.objects.for_user(request.user).filter(pk__in=ids)}
        piece.entries = [entries[pk] for pk in ids if pk in entries]
    context = {"piece": piece, "editable": True}
    return render(request, "perf/includes/piece.html#piece", context)


@require_http_methods(["GET", "POST"])
def piece_edit(request, pk, part, review=None):
    """Edit one text of a summary; what the user saves is locked against rewriting."""
    piece = get_piece(request, pk, part, review)
    if piece.summary.status not in EDITABLE:
        return not_editable(request, piece)
    if request.htmx and "cancel" in request.GET:
        return render_piece(request, piece)
    form = PieceForm(
        request.POST if request.method == "POST" else None,
        kind=piece.kind,
        initial={"text": piece.text},
    )
    if form.is_valid():
        piece.edit(form.cleaned_data["text"])
        return render_piece(request, piece) if request.htmx else redirect(piece_page(piece))
    context = {"piece": piece, "form": form, "back": piece_page(piece)}
    status = 422 if form.is_bound else 200
    if request.htmx:
        return render(request, "perf/includes/piece.html#piece-form", context, status=status)
    return render(request, "perf/piece_edit.html", context, status=status)


@require_POST
def piece_unlock(request, pk, part, review=None):
    """Let rewriting replace this text again."""
    piece = get_piece(request, pk, part, review)
    if piece.summary.status not in EDITABLE:
        return not_editable(request, piece)
    piece.unlock()
    return render_piece(request, piece) if request.htmx else redirect(piece_page(piece))


@require_POST
def piece_remove(request, pk, part, review):
    """Take a point out of the summary."""
    piece = get_piece(request, pk, part, review)
    if piece.kind != "bullet":
        raise Http404
    if piece.summary.status not in EDITABLE:
        return not_editable(request, piece)
    piece.remove()
    if request.htmx:
        return HttpResponse("")
    return redirect("perf:summary-detail", pk=pk)


@require_POST
def review_regenerate(request, pk, review):
    """Write one goal again from its entries, keeping the points the user locked."""
    summary = get_object_or_404(PerfSummary, pk=pk, user=request.user)
    review = get_object_or_404(GoalReview, pk=review, summary=summary)
    requeued = PerfSummary.objects.filter(pk=summary.pk, status__in=EDITABLE).update(
        status=SummaryStatus.PENDING, error="", rewriting_review_id=review.pk
    )
    if requeued:  # not while the summary is already being written
        start_summary(summary)
    return redirect(reverse("perf:summary-detail", args=[pk]) + f"#review-{review.pk}")
