"""{% entry_html entry.text %}: an entry's text as its row shows it, a little safe Markdown
(journal/markdown.py) with the words of the page's search (Feed's ?q=) marked."""

from django import template
from django.utils.safestring import mark_safe

from .. import markdown

register = template.Library()


@register.simple_tag(takes_context=True)
def entry_html(context, text):
    # A tag rather than a filter: a filter's argument must exist, and only Feed has a ?q=.
    request = context.get("request")
    query = request.GET.get("q", "") if request is not None else ""
    rendered = markdown.render_markdown(text or "")
    if query:
        rendered = markdown.highlight(rendered, query)
    return mark_safe(rendered)  # sanitised by nh3, or escaped: see journal/markdown.py


@register.filter
def entry_plain(text):
    """{{ entry.text|entry_plain }}: the text without its Markdown, for a line of its own."""
    return markdown.plain_text(text or "")
