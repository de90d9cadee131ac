from django import template
from django.utils.http import urlencode

register = template.Library()


@register.simple_tag(takes_context=True)
def row_query(context):
    """The query string an entry row's own requests carry: where to go back, and on Today
    the day whose "Done" it offers, so a row re-rendered alone looks the same."""
    params = {"next": context.get("next") or ""}
    if context.get("board_day"):
        params["day"] = context["board_day"].isoformat()
    return urlencode(params)
