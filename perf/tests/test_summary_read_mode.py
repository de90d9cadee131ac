"""The summary page as a document to read and share: read mode with tools behind a toggle,
and numbered citation marks that open a point's entries in place, printed as their dates.
Summaries come from the real offline provider."""

import datetime
from types import SimpleNamespace

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from conftest import make_entry, make_user
from perf.services.summaries import create_summary
from perf.templatetags.review import cited_dates

from .conftest import written_summary
from .page_reading import detail, element, piece, point_citing

pytestmark = pytest.mark.django_db
D = datetime.date


def test_each_section_has_an_edit_toggle_and_the_tools_stay_in_the_markup(client_for):
    user = make_user()
    summary = written_summary(user)
    review = summary.goal_reviews.get()

    page = client_for(user).get(detail(summary)).text

    # One toggle for the narrative, one per goal: a real button, not pressed.
    assert page.count("data-edit-toggle") == 2
    assert page.count('<button type="button" class="button button--small button--quiet '
                      'edit-toggle" aria-pressed="false" data-edit-toggle>') == 2  # fmt: skip
    section = page[page.index(f'id="review-{review.pk}"') :]
    assert section.index("data-edit-section") < section.index(">")  # the goal's <section>
    # Tools are in the page (CSS shows them on the toggle, hover or focus), so Tab and
    # browsers without scripts still reach them.
    assert 'class="piece__tools no-print"' in section
    assert ">Remove<" in section and ">Polish<" in section and ">Write this goal again<" in section
    assert '<details class="citations">' not in page  # the old per-point toggle


def test_a_summary_being_written_shows_no_toggle(client_for):
    user = make_user()
    make_entry(user, date=D(2026, 3, 3))
    summary = create_summary(user, start=D(2026, 3, 1), end=D(2026, 3, 31))

    page = client_for(user).get(detail(summary)).text

    assert "data-edit-toggle" not in page


# Citations


def test_a_point_carries_numbered_marks_that_open_its_entries_in_place(client_for):
    user = make_user()
    summary = written_summary(
        user, (D(2026, 3, 3), "Cut CI time from 20 to 8 minutes"), (D(2026, 3, 5), "Shipped search")
    )
    client = client_for(user)
    point = point_citing(client, summary, "Cut CI time from 20 to 8 minutes")

    page = client.get(detail(summary)).text
    html = element(page, f"piece-{point.key}")

    assert (
        f'<button type="button" class="cite" aria-expanded="false" '
        f'aria-controls="cites-{point.key}" data-cite="1" aria-label="Cited entry 1, 3 Mar 2026">'
        "1</button>"
    ) in html
    cited = html[html.index(f'<ol class="cite-list" id="cites-{point.key}"') :]
    assert "hidden" not in cited[: cited.index(">")]  # listed as it is without scripts
    assert f'href="{reverse("journal:today")}?date=2026-03-03">3 Mar 2026</a>' in cited
    assert '<span class="badge badge--fact">Fact</span>' in cited
    assert "Cut CI time from 20 to 8 minutes" in cited
    # Printed (and copied) instead of the marks: the days of the cited entries.
    assert '<span class="print-dates"> (3 Mar 2026)</span>' in html


def test_cited_dates_are_each_day_once_in_order():
    entries = [SimpleNamespace(date=D(2026, 3, 5)), SimpleNamespace(date=D(2026, 3, 3)),
               SimpleNamespace(date=D(2026, 3, 5))]  # fmt: skip

    assert cited_dates(entries) == "3 Mar 2026, 5 Mar 2026"
    assert cited_dates([]) == ""


def test_a_point_says_plainly_when_its_evidence_is_gone():
    deleted = render_to_string("perf/includes/piece.html#piece", {"piece": piece(cited_deleted=1)})
    uncited = render_to_string("perf/includes/piece.html#piece", {"piece": piece(uncited=True)})
    fine = render_to_string("perf/includes/piece.html#piece", {"piece": piece()})

    assert '<p class="piece__warning">A cited entry was deleted.</p>' in deleted
    assert (
        '<p class="piece__warning">No entry supports this point any more: the entries it cited '
        "were deleted.</p>"
    ) in uncited
    assert "piece--flagged" in deleted and "piece--flagged" in uncited
    assert "piece__warning" not in fine and "piece--flagged" not in fine


def test_a_context_that_cites_entries_gets_marks_too():
    entry = SimpleNamespace(date=D(2026, 3, 3), type="fact", text="Kafka", get_type_display="Fact")
    html = render_to_string(
        "perf/includes/piece.html#piece",
        {"piece": piece(kind="context", key="r1-context", text="Why", entries=[entry])},
    )

    assert 'aria-controls="cites-r1-context"' in html
    assert '<ol class="cite-list" id="cites-r1-context"' in html


# Flags


def test_many_cited_entries_are_one_mark_and_their_span_in_print():
    entries = [
        SimpleNamespace(date=D(2026, 9, 2) + datetime.timedelta(weeks=n), type="fact", text="Sync",
                        get_type_display="Fact")
        for n in range(13)
    ]  # fmt: skip

    html = render_to_string("perf/includes/piece.html#piece", {"piece": piece(entries=entries)})

    assert html.count('class="cite"') == 1 and ">13 entries</button>" in html
    assert '<span class="print-dates"> (2 Sep 2026 – 25 Nov 2026, 13 days)</span>' in html
    assert html.count('class="cite-entry"') == 13  # the mark opens them all
