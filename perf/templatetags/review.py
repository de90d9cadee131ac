"""The summary page's reading view: claims marked in their text, and cited dates.

Everything here works from what the page already holds (perf.services.pieces.Piece and the entries
it cites); nothing queries the database.
"""

import re

from django import template
from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from perf.services.markdown import cited_days

register = template.Library()

# A figure may be stored bare ("1500") while the text groups its thousands ("1,500",
# "1 500", with a no-break or thin space too).
THOUSANDS = "[,\u00a0\u202f ]?"
# Not a part of a longer number or word: "40" is not in "1400", "3.5" or "v4.2"; a unit may
# follow a number directly ("40ms", "3,5x").
BEFORE, AFTER, AFTER_NUMBER = r"(?<![\w.,])", r"(?!\w|[.,]\d)", r"(?!\d|[.,]\d)"


def _patterns(item: str):
    """How `item` may appear in the text, best first: whole, as digits grouped in
    thousands or with a decimal comma, and (not a bare number) anywhere, ignoring case."""
    exact = re.escape(item)
    after = AFTER_NUMBER if item[-1:].isdigit() else AFTER
    yield re.compile(rf"{BEFORE}{exact}{after}")
    if item.isdigit() and len(item) > 3:
        head, tail = item[: len(item) % 3 or 3], item[len(item) % 3 or 3 :]
        groups = [tail[i : i + 3] for i in range(0, len(tail), 3)]
        grouped = THOUSANDS.join([re.escape(head), *map(re.escape, groups)])
        yield re.compile(rf"{BEFORE}{grouped}{after}")
    if re.fullmatch(r"\d+\.\d+", item):  # stored with a point, written with a comma
        yield re.compile(rf"{BEFORE}{re.escape(item.replace('.', ','))}{after}")
    if not re.fullmatch(r"[\d.,]+", item):  # a bare number inside another would mislead
        yield re.compile(exact, re.IGNORECASE)


def claim_spans(text: str, items) -> tuple[list[tuple[int, int]], list[str]]:
    """Where in `text` each unsupported item is (the first place it appears, spans in
    order and not overlapping), and the items found nowhere."""
    spans, missing = [], []
    for item in items or ():
        item = str(item).strip()
        if not item:
            continue
        for pattern in _patterns(item):
            match = next(
                (
                    m
                    for m in pattern.finditer(text)
                    if not any(m.start() < end and start < m.end() for start, end in spans)
                ),
                None,
            )
            if match:
                spans.append(match.span())
                break
        else:
            missing.append(item)
    return sorted(spans), missing


def _flag_reason(claim: str) -> str:
    return _("The entries this cites do not say “%(claim)s”: check it before you share it.") % {
        "claim": claim
    }


@register.simple_tag
def claim_text(piece):
    """The piece's text, escaped, its unsupported claims in <mark> (focusable, the reason in
    the title); line breaks kept, except in a title."""
    text = str(getattr(piece, "text", "") or "")
    spans, _missing = claim_spans(text, getattr(piece, "unsupported", None))
    parts, position = [], 0
    for start, end in spans:
        parts.append(escape(text[position:start]))
        reason = escape(_flag_reason(text[start:end]))
        # The title for the mouse, aria-label for screen readers (a title is not read out).
        parts.append(
            f'<mark class="claim-flag" tabindex="0" title="{reason}" aria-label="{reason}">'
            f"{escape(text[start:end])}</mark>"
        )
        position = end
    parts.append(escape(text[position:]))
    html = "".join(parts)
    if getattr(piece, "kind", "") != "title":
        html = html.replace("\r\n", "\n").replace("\n", "<br>")
    return mark_safe(html)  # every piece of the text went through escape() above


@register.filter
def unmarked_claims(piece) -> list[str]:
    """Unsupported items the text does not show as written (a figure stored normalised):
    listed beside the text instead of marked in it."""
    text = str(getattr(piece, "text", "") or "")
    return claim_spans(text, getattr(piece, "unsupported", None))[1]


@register.filter
def cited_dates(entries) -> str:
    """The days of the cited entries, as the Markdown download writes them."""
    return cited_days(entries)


@register.filter
def grouped(number) -> str:
    """1412 as the page's language writes it: "1,412", «1 412»."""
    return number_format(number, force_grouping=True)
