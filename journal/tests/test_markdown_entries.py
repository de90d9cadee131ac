"""An entry's text on its row: a little safe Markdown, bare URLs as links; what is stored,
edited and exported stays what the user typed. A script, a javascript: link or an image
stays inert text however it is written."""

import datetime
import html
import re

import pytest
from django.urls import reverse

from conftest import make_entry, make_user
from journal.markdown import parser, render_markdown
from journal.models import Entry

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 11, 24)
TODAY_URL = reverse("journal:today")
FEED_URL = reverse("journal:feed")

MARKDOWN = (
    "# Release notes\n"
    "Shipped **the importer** and _faster_ `search`\n"
    "\n"
    "- PR https://github.com/acme/app/pull/42\n"
    "- [the design doc](https://docs.example.com/d/1)\n"
    "\n"
    "```\n"
    "make test\n"
    "```"
)

HOSTILE = [
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD4=)",
    "<img src=x onerror=alert(1)>",
    "![pixel](https://tracker.example/p.png)",
    "<javascript:alert(1)>",
    "javascript:alert(1)",
    '<a href="javascript:alert(1)">x</a>',
    '[x](https://ok.example/ "onmouseover=alert(1)")',
]


def row_of(page: str, entry) -> str:
    """The entry's row up to its buttons (its text may hold lists: no cutting at </li>)."""
    row = page[page.index(f'id="entry-{entry.pk}"') :]
    return row[: row.index('<div class="entry__actions">')]


def text_of(row: str) -> str:
    shown = row[row.index('<div class="entry__text">') :]
    return shown[: shown.index("</div>")]


def test_a_row_shows_links_code_lists_and_bold(client_for):
    user = make_user()
    entry = make_entry(user, text=MARKDOWN, date=DAY)

    row = row_of(client_for(user).get(TODAY_URL, {"date": DAY.isoformat()}).text, entry)

    assert "<strong>the importer</strong>" in row and "<em>faster</em>" in row
    assert "<code>search</code>" in row and "<pre><code>make test\n</code></pre>" in row
    assert "<ul>\n<li>PR " in row
    rel = 'rel="noopener noreferrer nofollow"'
    assert f'<a href="https://docs.example.com/d/1" {rel}>the design doc</a>' in row


def test_a_bare_url_becomes_a_link_and_a_file_name_does_not(client_for):
    user = make_user()
    entry = make_entry(user, text="Merged https://github.com/acme/app/pull/42 and settings.py")

    row = row_of(client_for(user).get(FEED_URL).text, entry)

    assert (
        '<a href="https://github.com/acme/app/pull/42" rel="noopener noreferrer nofollow">'
        "https://github.com/acme/app/pull/42</a> and settings.py" in row
    )


def test_a_heading_in_an_entry_is_a_bold_paragraph_not_a_page_heading(client_for):
    user = make_user()
    make_entry(user, text="# Big\n## Smaller\nText", date=DAY)

    page = client_for(user).get(TODAY_URL, {"date": DAY.isoformat()}).text

    assert "<p><strong>Big</strong></p>" in page and "<p><strong>Smaller</strong></p>" in page
    assert len(re.findall(r"<h1[ >]", page)) == 1  # the page's own


def test_the_stored_text_and_the_edit_form_keep_what_was_typed(client_for):
    user = make_user()
    client = client_for(user)

    client.post(reverse("journal:entry-create"), {"date": "2026-11-24", "type": "fact",
                                                  "text": MARKDOWN})  # fmt: skip
    entry = Entry.objects.get(user=user)
    form = client.get(reverse("journal:entry-edit", args=[entry.pk])).text

    assert entry.text == MARKDOWN
    textarea = form[form.index("<textarea") :]
    textarea = textarea[textarea.index(">") + 1 : textarea.index("</textarea>")]
    assert textarea.strip() == MARKDOWN


def test_the_api_gives_the_text_not_the_html(client_for):
    user = make_user()
    entry = make_entry(user, text=MARKDOWN)

    body = client_for(user).get(f"/api/entries/{entry.pk}").json()

    assert body["text"] == MARKDOWN


@pytest.mark.parametrize("text", HOSTILE)
def test_a_script_link_or_image_stays_inert_in_rendered_markdown(client_for, text):
    user = make_user()
    entry = make_entry(user, text=f"Shipped {text} today", date=DAY)
    client = client_for(user)

    pages = [
        client.get(TODAY_URL, {"date": DAY.isoformat()}).text,
        client.get(FEED_URL).text,
        client.get(FEED_URL, {"q": "shipped"}).text,
        client.get(reverse("journal:entry-row", args=[entry.pk]), HTTP_HX_REQUEST="true").text,
    ]

    for page in pages:
        shown = text_of(row_of(page, entry)).lower()
        tags = "".join(re.findall(r"<[^>]*>", shown))  # what may be markup, not text
        assert "<script" not in tags and "<img" not in tags and "<iframe" not in tags
        assert not re.search(r"\son\w+=", tags), tags  # no event handler attribute
        for scheme in ("javascript:", "data:"):
            assert scheme not in tags, tags
        assert "shipped" in shown


def test_only_http_https_and_mailto_links_are_kept():
    rendered = render_markdown(
        "[a](https://a.example/) [b](http://b.example/) [c](mailto:c@example.com) "
        "[d](ftp://d.example/) [e](vbscript:msgbox) [f](file:///etc/passwd) me@example.com"
    )

    hrefs = re.findall(r'href="([^"]*)"', rendered)
    assert hrefs == [
        "https://a.example/",
        "http://b.example/",
        "mailto:c@example.com",
        "mailto:me@example.com",
    ]
    links = re.findall(r"<a [^>]*>", rendered)
    assert all('rel="noopener noreferrer nofollow"' in link for link in links)


def test_raw_html_is_text_even_inside_code():
    rendered = render_markdown("`<b>bold</b>` and <em>raw</em>\n\n    <iframe src=x>")

    assert "<b>" not in rendered and "<em>" not in rendered and "<iframe" not in rendered
    assert "&lt;b&gt;bold&lt;/b&gt;" in rendered and "&lt;iframe src=x&gt;" in rendered


@pytest.mark.parametrize(
    "text",
    [
        "Fixed the flaky test",
        "Reviewed two PRs.\nPaired with Anna on the cache",
        "Починил утечку памяти в воркере billing, p95 упал на 30%",
        'Said "no" to scope creep; it\'s fine',
        "v1.2 released (finally)",
    ],
)
def test_plain_text_skips_the_parser_and_comes_out_as_the_parser_would(text):
    fast = render_markdown(text)
    parsed = parser().render(text).strip().replace("<br />", "<br>")

    assert html.unescape(fast) == html.unescape(parsed)  # both escape ", only one escapes '
    assert fast.startswith("<p>") and fast.endswith("</p>")


def test_the_parser_is_built_once():
    assert parser() is parser()
