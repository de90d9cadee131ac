"""Reading the summary page in tests: its URLs, the points it shows, the point citing a fact
(edited as its Edit form does), one point's HTML, and a stand-in for the Piece its template
renders."""

from types import SimpleNamespace

from django.urls import reverse

INDEX = reverse("perf:summary-index")


def detail(summary):
    return reverse("perf:summary-detail", args=[summary.pk])


def points(page):
    """Every point the page shows, outputs and outcomes (the offline draft may show a measured
    result once, as an outcome)."""
    return [p for r in page.context["reviews"] for p in [*r.outputs_pieces, *r.outcomes_pieces]]


def point_citing(client, summary, fact):
    """The first point that cites the entry whose text is `fact`."""
    page = client.get(detail(summary))
    return next(p for p in points(page) if any(entry.text == fact for entry in p.entries))


def edit_point(client, summary, fact, text):
    """Save `text` as the point citing `fact`, as its Edit form does; return its element id."""
    point = point_citing(client, summary, fact)
    assert client.post(point.url, {"text": text}).status_code == 302
    return f"piece-{point.key}"


def element(html, element_id):
    """The opening tag and content of the element with that id, up to the next point."""
    start = html.index(f'id="{element_id}"')
    end = html.find('<li id="piece-', start + 1)
    return html[start : end if end != -1 else None]


def piece(**fields):
    """A stand-in for perf.services.pieces.Piece, with the attributes the template reads."""
    defaults = {"kind": "bullet", "key": "r1-b1", "url": "/perf/x/", "text": "Shipped search",
                "locked": False, "unsupported": [], "entries": []}  # fmt: skip
    fields = {**defaults, **fields}
    fields["needs_a_look"] = bool(
        fields["unsupported"] or fields.get("cited_deleted") or fields.get("uncited")
    )
    return SimpleNamespace(**fields)
