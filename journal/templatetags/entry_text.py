"""{% entry_rows entries %}: entry rows (journal/row_html.py), with the words of the page's
search (Feed's ?q=) marked; {{ text|entry_plain }}: an entry's text without its Markdown."""

from django import template

from .. import markdown
from ..row_html import entry_rows_html

register = template.Library()


@register.simple_tag(takes_context=True)
def entry_rows(context, entries):
    # A tag rather than a filter: it reads the page's search and the rows' shared labels
    # (journal/rows.py row_links) from the context.
    request = context.get("request")
    return entry_rows_html(
        entries,
        context["row_labels"],
        query=request.GET.get("q", "") if request is not None else "",
        board_day=context.get("board_day"),
        board_url=context.get("board_url", ""),
    )


@register.filter
def entry_plain(text):
    """{{ entry.text|entry_plain }}: the text without its Markdown, for a line of its own."""
    return markdown.plain_text(text or "")
