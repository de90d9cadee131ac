"""Editing a written summary in place: any text, locks, rewriting one goal."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRefresh

from ..forms import PieceForm
from ..models import GoalReview, PerfSummary, SummaryStatus
from ..services.pieces import (
    EDITABLE,
    NARRATIVE,
    PieceGone,
    SummaryBusy,
    find_piece,
    needing_a_look,
    pieces_of,
)
from ..services.shown import shown_answer, with_points
from ..tasks import start_summary

BUSY = gettext_lazy(
    "This summary is being written again: save once it is done (your text is kept here)."
)
GONE = gettext_lazy(
    "This point was rewritten or removed since you opened it. Copy your text, then reload the page."
)


def get_piece(request, pk, part, review=None, *, removed=False):
    """The user's piece; a removed point only for bringing it back (`removed`)."""
    summary = get_object_or_404(PerfSummary, pk=pk, user=request.user)
    piece = find_piece(summary, part, review)
    if piece is None or piece.removed != removed:
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
    """The piece as the page shows it, and (htmx) the page's count of what needs a look,
    which the edit may have changed, swapped in out of band."""
    if piece.point is not None:  # reloaded by the edit: its citations with it
        piece.entries = piece.point.cited_entries()
    response = render(request, "perf/includes/piece.html#piece", {"piece": piece, "editable": True})
    if request.htmx:
        reviews = list(with_points(piece.summary.goal_reviews.all()))
        flagged = needing_a_look(pieces_of(piece.summary, reviews), reviews)
        context = {"flagged": flagged, "oob": True}
        response.content += render_to_string(
            "perf/summary_detail.html#flag-summary", context, request=request
        ).encode()
        response.content += answer_meta(request, piece).encode()
    return response


def answer_meta(request, piece) -> str:
    """An answer's count, evidence and Copy as its point's edit or removal left them, to
    swap in out of band; nothing for a goal's piece."""
    answer = shown_answer(piece.summary, piece.review.pk) if piece.review else None
    if answer is None:
        return ""
    context = {"answer": answer, "oob": True}
    return render_to_string("perf/includes/answer.html#answer-meta", context, request=request)


@require_http_methods(["GET", "POST"])
def piece_edit(request, pk, part, review=None):
    """Edit one text of a summary; what the user saves is locked against rewriting. A
    text typed while the summary changed under it comes back with the reason, never lost."""
    summary = get_object_or_404(PerfSummary, pk=pk, user=request.user)
    piece = find_piece(summary, part, review)
    if piece is not None and piece.removed:  # out of the review: only to be brought back
        raise Http404
    if piece is None:
        if request.method == "POST" and request.POST.get("text"):
            return piece_gone(request, summary, part, review)
        raise Http404
    if request.method == "GET" and summary.status not in EDITABLE:
        return not_editable(request, piece)
    if request.htmx and "cancel" in request.GET:
        return render_piece(request, piece)
    form = PieceForm(
        request.POST if request.method == "POST" else None,
        kind=piece.kind,
        initial={"text": piece.text},
        auto_id=f"id_{piece.key}_%s",  # several editors may be open at once
    )
    if form.is_valid():
        try:
            piece.edit(form.cleaned_data["text"])
        except SummaryBusy:
            form.add_error("text", BUSY)
        except PieceGone:
            return piece_gone(request, summary, part, review)
        else:
            return render_piece(request, piece) if request.htmx else redirect(piece_page(piece))
    context = {"piece": piece, "form": form, "back": piece_page(piece)}
    status = 422 if form.is_bound else 200
    if request.htmx:
        return render(request, "perf/includes/piece.html#piece-form", context, status=status)
    return render(request, "perf/piece_edit.html", context, status=status)


def piece_gone(request, summary, part, review):
    """The piece being edited is gone: show the user's text to copy, and why."""
    key = NARRATIVE if review is None else f"{review}-{part}"
    context = {
        "key": key,
        "text": request.POST.get("text", ""),
        "message": GONE,
        "back": reverse("perf:summary-detail", args=[summary.pk]),
    }
    template = "perf/includes/piece.html#piece-gone" if request.htmx else "perf/piece_edit.html"
    return render(request, template, context, status=422)


@require_POST
def piece_unlock(request, pk, part, review=None):
    """Let rewriting replace this text again."""
    piece = get_piece(request, pk, part, review)
    try:
        piece.unlock()
    except SummaryBusy:
        return not_editable(request, piece)
    except PieceGone:
        raise Http404 from None
    return render_piece(request, piece) if request.htmx else redirect(piece_page(piece))


@require_POST
def piece_remove(request, pk, part, review):
    """Take a point out of the summary."""
    return set_removed(request, pk, part, review, removed=True)


@require_POST
def piece_restore(request, pk, part, review):
    """Bring a removed point back into the summary."""
    return set_removed(request, pk, part, review, removed=False)


def set_removed(request, pk, part, review, *, removed: bool):
    piece = get_piece(request, pk, part, review, removed=not removed)
    if piece.kind != "bullet":
        raise Http404
    try:
        piece.set_removed(removed)
    except SummaryBusy:
        return not_editable(request, piece)
    except PieceGone:
        raise Http404 from None
    if request.htmx:
        # A removed point leaves its place; a restored one goes back among the points.
        return HttpResponse(answer_meta(request, piece)) if removed else HttpResponseClientRefresh()
    if removed:
        return redirect("perf:summary-detail", pk=pk)
    return redirect(piece_page(piece))


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
