"""Polishing wording: a role-aware rewrite of an entry or of a summary's point, shown
before/after; nothing changes until the user accepts it (as it is, or edited)."""

import dataclasses

from django import forms
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from journal.extensions import attach_links
from journal.models import ENTRY_TEXT_MAX_LENGTH, Entry
from journal.rows import row_context
from journal.services import get_profile
from journal.validation import validate_visible_text

from ..llm import LLMError, polish
from ..llm.config import llm_config
from ..llm.schemas import PolishRequest
from ..services.pieces import EDITABLE
from .pieces import get_piece, not_editable, piece_edit, piece_page

# Polish answers within the request, so it must finish well inside gunicorn's 30 s.
POLISH_TIMEOUT = 25.0


CHANGED = _(
    "The entry changed since this was proposed. Copy your text if you want it, then polish "
    "the entry again."
)


class AcceptForm(forms.Form):
    text = forms.CharField(
        max_length=ENTRY_TEXT_MAX_LENGTH,
        validators=[validate_visible_text],
        error_messages={
            "required": _("Write something: the text cannot be empty."),
            "max_length": _(
                "This can be at most %(limit_value)d characters long (it has %(show_value)d)."
            ),
        },
    )


def propose(request, text: str, kind: str) -> dict:
    """The rewrite of `text` for the user's role, or the reason there is none."""
    profile = get_profile(request.user)
    config = llm_config()
    config = dataclasses.replace(
        config, timeout=min(config.timeout, POLISH_TIMEOUT), max_retries=min(config.max_retries, 1)
    )
    polish_request = PolishRequest(
        text=text,
        role=profile.role,
        language="ru" if (translation.get_language() or "").startswith("ru") else "en",
        kind=kind,
    )
    try:
        result = polish(polish_request, config)
    except LLMError as error:
        return {"original": text, "error": str(error)}
    return {
        "original": text,
        "result": result,
        # Proposing the same text back would read as a change: say there is none.
        "unchanged": result.rewrite == text,
        "form": AcceptForm(initial={"text": result.rewrite}),
    }


@require_POST
def polish_entry(request, pk):
    """Propose a rewrite of the text in the entry's edit form (`text`), or, with
    `accept`, save the accepted text as the entry's."""
    entry = get_object_or_404(Entry.objects.with_done_flag(), pk=pk, user=request.user)
    context = row_context(request, entry)
    if "accept" in request.POST:
        form = AcceptForm(request.POST)
        if form.is_valid() and request.POST.get("base", entry.text) != entry.text:
            form.add_error("text", CHANGED)
        if form.is_valid():
            entry.text = form.cleaned_data["text"].strip()
            entry.save()
            attach_links([entry])  # its row keeps its goal chips, and those of new #tags
            if not request.htmx:
                return redirect(context["next"])
            return render(
                request, "journal/includes/entry.html#entry-rows", row_context(request, entry)
            )
        context.update(original=request.POST.get("original", entry.text), form=form)
        status = 422
    else:
        text = (request.POST.get("text") or entry.text).strip()
        context.update(propose(request, text[:ENTRY_TEXT_MAX_LENGTH], "entry"))
        status = 200
    context["base"] = request.POST.get("base", entry.text)  # the saved text it started from
    context["action"] = reverse("perf:polish-entry", args=[entry.pk])
    context["cancel"] = reverse("journal:entry-row", args=[entry.pk])
    context["back"] = context["next"]
    template = "perf/includes/polish.html#entry" if request.htmx else "perf/polish.html"
    return render(request, template, context, status=status)


@require_POST
def polish_piece(request, pk, review, part):
    """The same for one point of a summary. Accepting it is saving the point's editor: the
    same form, limits and lock, and a point busy or gone meanwhile hands the text back."""
    if "accept" in request.POST:
        return piece_edit(request, pk, part, review)
    piece = get_piece(request, pk, part, review)
    if piece.kind != "bullet":
        raise Http404
    if piece.summary.status not in EDITABLE:
        return not_editable(request, piece)
    context = {
        "piece": piece,
        "action": f"{piece.url}polish/",
        "cancel": f"{piece.url}?cancel=1",
        "back": piece_page(piece),
        **propose(request, piece.text, "point"),
    }
    template = "perf/includes/polish.html#point" if request.htmx else "perf/polish.html"
    return render(request, template, context)
