"""An entry's text as a row shows it: a little safe Markdown, bare URLs as links, and the
words of a Feed search marked.

The text stays what the user typed (the edit form, the API, the export and the LLM get it as
is); only rows render it (journal/row_html.py).

Safety comes twice: markdown-it-py escapes raw HTML (html=False), makes no images (an image
from elsewhere would tell its host who reads the page, and img-src 'self' would block it)
and refuses javascript: and similar links; then nh3 keeps only the tags and attributes
below, links of http, https and mailto, each with rel="noopener noreferrer nofollow".
Headings become bold paragraphs: an entry's "# Title" must not outrank the page's <h1>.
"""

import functools
import html
import re

import nh3
from django.utils.html import escape, strip_tags
from markdown_it import MarkdownIt

from .search import normalize_for_search

TAGS = {"p", "br", "a", "strong", "em", "s", "code", "pre", "ul", "ol", "li", "blockquote", "hr"}
ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "noopener noreferrer nofollow"

# Text with none of these is one plain paragraph, and is rendered without the parser (most
# entries are a plain line or two): emphasis, code, links, entities, escapes, strikethrough,
# e-mail addresses and bare URLs; a line that starts with a space, a heading, quote, list or
# rule mark or a number and a dot; a blank line between paragraphs.
NEEDS_PARSER = re.compile(
    r"[*_`\[\]<>&\\~@]|://|mailto:|^[ \t]|^(?:[#>=+-]|\d+[.)])|\n[ \t]*\n", re.MULTILINE
)

# Rendered texts are kept: Today and Feed show the same rows again and again.
RENDERED_CACHE_SIZE = 2048


def _heading_open(self, tokens, idx, options, env):
    return "<p><strong>"


def _heading_close(self, tokens, idx, options, env):
    return "</strong></p>\n"


@functools.cache
def parser() -> MarkdownIt:
    """One MarkdownIt for the process: building one costs more than rendering a row."""
    md = MarkdownIt("commonmark", {"html": False, "linkify": True, "breaks": True})
    md.enable(["linkify", "strikethrough"]).disable(["image"])
    # Only URLs with their scheme (https://..., mailto:) and e-mail addresses become links:
    # with fuzzy links on, "settings.py" and "README.md" would link to Paraguay and Moldova.
    md.linkify.set({"fuzzy_link": False})
    md.add_render_rule("heading_open", _heading_open)
    md.add_render_rule("heading_close", _heading_close)
    return md


@functools.cache
def cleaner() -> nh3.Cleaner:
    return nh3.Cleaner(tags=TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES, link_rel=LINK_REL)


@functools.lru_cache(maxsize=RENDERED_CACHE_SIZE)
def render_markdown(text: str) -> str:
    """The entry's text as safe HTML (block elements: paragraphs, lists, code blocks)."""
    text = text.strip()
    if not text:
        return ""
    if not NEEDS_PARSER.search(text):
        return "<p>" + escape(text).replace("\n", "<br>\n") + "</p>"
    return cleaner().clean(parser().render(text)).strip()


# A tag, or the text between two tags (nh3's output: attributes quoted, < and > escaped).
@functools.lru_cache(maxsize=RENDERED_CACHE_SIZE)
def plain_text(text: str) -> str:
    """The entry's text as it reads, its Markdown taken off: for lines that name an entry
    beside its date (a summary's evidence, a goal card), where a paragraph or a list would
    break the line. Not safe HTML: the template escapes it."""
    return html.unescape(strip_tags(render_markdown(text))).strip()


TAG_OR_TEXT = re.compile(r"(<[^>]*>)")


def _folded_with_positions(text: str) -> tuple[str, list[int]]:
    """The text as search folds it, and for each folded character the index of the
    character it came from (folding may lengthen: ß is ss)."""
    folded, origin = [], []
    for index, char in enumerate(text):
        fold = normalize_for_search(char)
        folded.append(fold)
        origin.extend([index] * len(fold))
    return "".join(folded), origin


def _marked_spans(text: str, words: list[str]) -> list[tuple[int, int]]:
    """Where the words occur in the text, as search finds them, merged where they touch."""
    folded, origin = _folded_with_positions(text)
    spans = []
    for word in words:
        start = folded.find(word)
        while start != -1:
            end = start + len(word)
            spans.append((origin[start], origin[end - 1] + 1))
            start = folded.find(word, start + 1)
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(start, end) for start, end in merged]


def _mark_text(escaped: str, words: list[str]) -> str:
    text = html.unescape(escaped)
    spans = _marked_spans(text, words)
    if not spans:
        return escaped
    pieces, done = [], 0
    for start, end in spans:
        pieces += [escape(text[done:start]), "<mark>", escape(text[start:end]), "</mark>"]
        done = end
    pieces.append(escape(text[done:]))
    return "".join(pieces)


def search_words(query: str) -> list[str]:
    """The words Feed's search matches (Entry.objects.search): folded, longest first."""
    return sorted(set(normalize_for_search(query or "").split()), key=len, reverse=True)


def highlight(rendered: str, query: str) -> str:
    """`rendered` (render_markdown's HTML) with the query's words wrapped in <mark>, in its
    text only: never inside a tag, an attribute or a link's address. As search matches,
    any case of any alphabet, ё as е, parts of words too."""
    words = search_words(query)
    if not words:
        return rendered
    parts = TAG_OR_TEXT.split(rendered)
    # split() puts the text at even indexes and the tags at odd ones.
    return "".join(
        _mark_text(part, words) if index % 2 == 0 and part else part
        for index, part in enumerate(parts)
    )
