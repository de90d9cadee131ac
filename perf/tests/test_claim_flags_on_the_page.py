"""Unsupported claims on the summary page: marked in the text where it writes them, or listed
beside it, counted at the top and recounted by an edit in place, and never markup. Summaries
come from the real offline provider; points are edited through their edit URLs, as the page
does."""

import datetime

import pytest
from django.template.loader import render_to_string

from conftest import make_user
from perf.templatetags.review import claim_spans, claim_text

from .conftest import written_summary
from .page_reading import detail, edit_point, element, piece, point_citing

pytestmark = pytest.mark.django_db
D = datetime.date


def test_an_unsupported_figure_is_marked_in_the_text_and_counted_at_the_top(client_for):
    user = make_user()
    summary = written_summary(user)
    client = client_for(user)
    point_id = edit_point(
        client, summary, "Cut CI time from 20 to 8 minutes", "Cut CI time from 20 to 5 minutes"
    )

    page = client.get(detail(summary)).text

    reason = "The entries this cites do not say “5 minutes”: check it before you share it."
    assert (
        f'Cut CI time from 20 to <mark class="claim-flag" tabindex="0" title="{reason}" '
        f'aria-label="{reason}">5 minutes</mark>'
    ) in element(page, point_id)
    assert (
        f'<p class="flag-summary"><a href="#{point_id}" data-first-flag>'
        "1 claim needs a look</a></p>"
    ) in page


def test_an_edit_in_place_updates_the_count_at_the_top(client_for):
    user = make_user()
    summary = written_summary(user)
    client = client_for(user)
    assert "claim needs a look" not in client.get(detail(summary)).text
    point = point_citing(client, summary, "Cut CI time from 20 to 8 minutes")

    response = client.post(
        point.url, {"text": "Cut CI time from 20 to 4 minutes"}, headers={"HX-Request": "true"}
    )

    assert '<div id="flag-summary" class="no-print" hx-swap-oob="true">' in response.text
    assert "1 claim needs a look" in response.text


def test_the_count_says_claims_in_the_plural_and_nothing_when_none(client_for):
    user = make_user()
    summary = written_summary(
        user, (D(2026, 3, 3), "Cut CI time from 20 to 8 minutes"), (D(2026, 3, 5), "Shipped search")
    )
    client = client_for(user)
    assert "need a look" not in client.get(detail(summary)).text

    edit_point(client, summary, "Cut CI time from 20 to 8 minutes", "Cut CI time to 7 minutes")
    edit_point(client, summary, "Shipped search", "Shipped search to 40 teams")

    assert "2 claims need a look</a>" in client.get(detail(summary)).text


def test_a_claim_the_text_does_not_show_as_written_is_listed_beside_it(client_for):
    html = render_to_string(
        "perf/includes/piece.html#piece", {"piece": piece(text="Up 40%", unsupported=["40", "7"])}
    )

    assert '<mark class="claim-flag" tabindex="0"' in html
    assert ">40</mark>%" in html
    assert 'class="claim-flag claim-flag--note" tabindex="0"' in html
    assert "Not in its entries: 7</span>" in html


@pytest.mark.parametrize(
    ("text", "items", "marked", "missing"),
    [
        ("from 120 ms to 40 ms", ["40 ms"], ["40 ms"], []),
        ("Paid $1,500 and 2 000 more", ["1500", "2000"], ["1,500", "2 000"], []),
        ("took 3,5 s, a 3,5x gain", ["3.5"], ["3,5"], []),
        ("up 40% in 1400 ms", ["40"], ["40"], []),
        ("1400 ms on v4.2 in p95", ["40", "2", "95"], [], ["40", "2", "95"]),
        ("helped the Platform team", ["platform team"], ["Platform team"], []),
        ("", ["40"], [], ["40"]),
    ],
)
def test_claims_are_found_where_the_text_writes_them(text, items, marked, missing):
    spans, left = claim_spans(text, items)

    assert [text[start:end] for start, end in spans] == marked
    assert left == missing


def test_a_script_in_a_flagged_text_stays_text():
    script = "<script>alert(1)</script>"
    html = claim_text(piece(text=f"{script} took 40 ms\nthen", unsupported=["40 ms", "<script>"]))

    assert script not in html
    assert "&lt;script&gt;" in html  # the item marked is the escaped text, never markup
    assert '<mark class="claim-flag" tabindex="0"' in html and ">40 ms</mark>" in html
    assert "<br>then" in html


def test_a_script_in_an_edited_point_or_an_entry_is_text_on_the_page(client_for):
    user = make_user()
    script = "<script>alert(1)</script>"
    summary = written_summary(user, (D(2026, 3, 3), f"Shipped {script} in 20 minutes"))
    client = client_for(user)
    edit_point(client, summary, f"Shipped {script} in 20 minutes", f"Shipped {script} in 7 minutes")

    page = client.get(detail(summary)).text

    assert script not in page
    assert "Shipped &lt;script&gt;alert(1)&lt;/script&gt; in " in page


# Coverage
