"""The summary page as a document to read and share: read mode with tools behind a toggle,
numbered citation marks, unsupported claims marked in the text and counted, coverage below
the review, presets that show their dates, and one date format per language.

Summaries come from the real offline provider, or the real anthropic SDK against the fake
server; points are edited through their edit URLs, as the page does."""

import datetime
import re
from types import SimpleNamespace

import pytest
import time_machine
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks_db.models import DBTaskResult

from conftest import make_entry, make_goal, make_user, make_written_summary
from perf.llm import LLMConfig
from perf.models import PerfSummary
from perf.services.summaries import create_summary
from perf.templatetags.review import cited_dates, claim_spans, claim_text

from .conftest import written_summary

pytestmark = pytest.mark.django_db
D = datetime.date
INDEX = reverse("perf:summary-index")
OFFLINE = LLMConfig(provider="offline")


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


# Read mode and tools


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


def piece(**fields):
    """A stand-in for perf.services.pieces.Piece, with the attributes the template reads."""
    defaults = {"kind": "bullet", "key": "r1-b1", "url": "/perf/x/", "text": "Shipped search",
                "locked": False, "unsupported": [], "entries": []}  # fmt: skip
    fields = {**defaults, **fields}
    fields["needs_a_look"] = bool(
        fields["unsupported"] or fields.get("cited_deleted") or fields.get("uncited")
    )
    return SimpleNamespace(**fields)


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


def test_coverage_is_a_section_below_the_review_with_counts_and_links(
    client_for, fake_llm, monkeypatch
):
    monkeypatch.setenv("ANTHROPIC_BASE_URL", fake_llm.url)
    user = make_user()
    make_goal(user=user, title="Mentoring", slug="mentor")
    make_entry(user, text="Cut CI time from 20 to 8 minutes", date=D(2026, 3, 3))
    make_entry(user, text="Mostly meetings", date=D(2026, 3, 4))
    make_entry(user, type="plan", text="Write the RFC", date=D(2026, 3, 20))
    fake_llm.answer({"summary_text": "A month of CI work.", "goals": [
        {"goal_ref": None, "title": "CI", "context": "", "context_refs": [],
         "outputs": [{"text": "Cut CI time from 20 to 8 minutes", "refs": ["E1"]}],
         "outcomes": []}]})  # fmt: skip
    summary = make_written_summary(
        user,
        language="en",
        config=LLMConfig(provider="anthropic", anthropic_api_key="k", max_retries=0),
    )

    page = client_for(user).get(detail(summary)).text

    coverage = page[page.index('<section class="coverage-section no-print"') :]
    assert page.index("</article>") < page.index('<section class="coverage-section')
    assert "<details" not in coverage
    assert '<h2 id="coverage-title">What the review leaves out</h2>' in coverage
    today = reverse("journal:today")
    assert 'Goals without evidence in this period <span class="count">1</span>' in coverage
    assert ">Mentoring</a>" in coverage
    assert 'Facts no point uses <span class="count">1</span>' in coverage
    assert f'<a href="{today}?date=2026-03-04">4 Mar 2026</a> Mostly meetings' in coverage
    assert 'Plans no fact marks done <span class="count">1</span>' in coverage
    assert f'<a href="{today}?date=2026-03-20">20 Mar 2026</a> Write the RFC' in coverage
    assert "Nothing is left out" not in coverage


def test_coverage_says_so_when_nothing_is_left_out(client_for):
    user = make_user()
    summary = written_summary(
        user, *[(D(2026, 3, day), f"Shipped part {day}") for day in (1, 10, 20, 31)]
    )

    page = client_for(user).get(detail(summary)).text

    assert "Nothing is left out: every goal has evidence" in page


# Periods


@time_machine.travel(datetime.datetime(2026, 12, 1, 12, tzinfo=datetime.UTC), tick=False)
def test_the_presets_show_their_dates(client_for):
    page = client_for(make_user()).get(INDEX).text

    assert "Last half-year (1 Jun 2026 – 1 Dec 2026)" in page
    assert "Last quarter (1 Sep 2026 – 1 Dec 2026)" in page
    assert "Custom period<" in page


@time_machine.travel(datetime.datetime(2026, 12, 1, 12, tzinfo=datetime.UTC), tick=False)
def test_the_presets_show_their_dates_in_russian(client_for):
    page = client_for(make_user(language="ru")).get(INDEX).text

    assert "(1 июня 2026 – 1 декабря 2026)" in page


def test_an_empty_period_is_refused_before_anything_is_queued(
    client_for, django_capture_on_commit_callbacks
):
    user = make_user()
    make_entry(user, text="Outside the period", date=D(2026, 5, 4))
    make_entry(user, type="plan", text="A plan is no fact", date=D(2026, 3, 4))

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(user).post(
            INDEX,
            {"preset": "custom", "start": "2026-03-01", "end": "2026-03-31", "role": "engineer",
             "language": "en"},
        )  # fmt: skip

    assert response.status_code == 422
    assert (
        "There are no facts between 1 Mar 2026 and 31 Mar 2026: write what you did on Today "
        "first, or choose another period."
    ) in response.text
    assert not PerfSummary.objects.exists()
    assert not DBTaskResult.objects.exists()


def test_a_period_whose_every_fact_is_left_out_is_refused(client_for):
    user = make_user()
    fact = make_entry(user, text="Mostly meetings", date=D(2026, 3, 4))

    response = client_for(user).post(
        INDEX,
        {"preset": "custom", "start": "2026-03-01", "end": "2026-03-31", "role": "engineer",
         "language": "en", "exclude": [fact.pk]},
    )  # fmt: skip

    assert response.status_code == 422
    assert "You left out every fact between 1 Mar 2026 and 31 Mar 2026" in response.text
    assert not PerfSummary.objects.exists()


def test_the_evidence_panel_says_why_an_empty_period_cannot_be_written(client_for):
    response = client_for(make_user()).get(
        reverse("perf:summary-evidence"),
        {"preset": "custom", "start": "2026-03-01", "end": "2026-03-31"},
        headers={"HX-Request": "true"},
    )

    assert response.status_code == 200
    assert "There are no facts between 1 Mar 2026 and 31 Mar 2026" in response.text


# One date format per language

OTHER_LOOKS = [
    re.compile(r"\b\d{1,2}/\d{1,2}/\d{4}\b"),  # 03/01/2026
    re.compile(r"\b\d{2}\.\d{2}\.\d{4}\b"),  # 01.03.2026
    re.compile(r"\b(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Oct|Nov|Dec)\. \d"),  # Mar. 1, 2026
    re.compile(r"\b(January|March|November|December) \d{1,2}\b"),  # March 1, 30 November
    re.compile(r"\d г\."),  # 1 марта 2026 г.
]


def visible_text(html):
    """What a reader sees: no tags, no attributes (hrefs carry ISO dates for the inputs)."""
    return re.sub(r"<[^>]+>", " ", html)


def pages_with_dates(client, summary):
    return [
        client.get(detail(summary)),
        client.get(INDEX),
        client.get(reverse("perf:summary-delete", args=[summary.pk])),
        client.get(reverse("journal:today"), {"date": "2026-03-03"}),
        client.get(reverse("journal:feed")),
        client.get(reverse("perf:week", args=["2026-W10"]), headers={"HX-Request": "true"}),
    ]


@pytest.mark.parametrize(
    ("language", "day", "week"),
    [("en", "3 Mar 2026", "Week of 2 Mar"), ("ru", "3 марта 2026", "2 марта")],
)
def test_one_date_format_per_language_everywhere(client_for, language, day, week):
    user = make_user(language=language)
    make_entry(user, type="plan", text="Write the RFC", date=D(2026, 3, 2))
    summary = written_summary(user, language=language)
    client = client_for(user)

    pages = pages_with_dates(client, summary)

    detail_page, index, delete, today, feed, week_card = (visible_text(p.text) for p in pages)
    assert day in detail_page  # the cited entry, its printed date
    assert day in today and day in feed
    first, last = ("1 Mar 2026", "31 Mar 2026") if language == "en" else ("1 марта", "31 марта")
    for text in (detail_page, index, delete):
        assert first in text and last in text
    assert week in week_card
    for page in pages:
        text = visible_text(page.text)
        for look in OTHER_LOOKS:
            assert not look.search(text), (page.request["PATH_INFO"], look.search(text).group())


def test_the_date_inputs_stay_iso_in_russian(client_for):
    with translation.override("ru"):
        page = client_for(make_user(language="ru")).post(
            INDEX,
            {"preset": "custom", "start": "2026-03-01", "end": "2026-03-31", "role": "engineer",
             "language": "ru"},
        )  # fmt: skip

    assert 'type="date" name="start" value="2026-03-01"' in page.text


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
