"""One date format per language on every page that shows dates (the summary, its index and
delete pages, Today, Feed, the week card), and date inputs that stay ISO in Russian."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import translation

from conftest import make_entry, make_user

from .conftest import written_summary
from .page_reading import INDEX, detail

pytestmark = pytest.mark.django_db
D = datetime.date


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
