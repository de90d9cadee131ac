"""{% parts "week" monday %}: what other apps registered for a slot of journal's pages
(journal/extensions.py)."""

from django import template

from .. import extensions

register = template.Library()


@register.simple_tag(takes_context=True)
def parts(context, slot, key=None):
    return extensions.render_parts(context, slot, key)
