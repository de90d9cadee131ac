"""Weekly summaries on Feed and Today, whose views (in journal) do not import perf."""

import json

from django import template
from django.db import connection

from journal.models import monday_of

from ..models import WeekSummary, iso_week

register = template.Library()


@register.simple_tag(takes_context=True)
def load_week_summaries(context, entries):
    """Fetch, in one query, the summaries of the weeks these entries fall in; week_card
    then finds them. Call it at the template's top level."""
    mondays = sorted({entry.week_start for entry in entries})
    context["week_summaries"] = week_summaries(context["request"].user.pk, mondays)
    return ""


# Feed is a hot path: this lookup compiled by the ORM costs seven times what running it
# does (as attach_goals found), so it is plain SQL over the fields a card shows.
CARD_FIELDS = ["id", "week_start", "status", "stale", "is_ai", "error", "bullets"]


def week_summaries(user_id, mondays) -> dict:
    """{monday: WeekSummary} of the user's summaries of those weeks, with CARD_FIELDS."""
    if not mondays:
        return {}
    meta = WeekSummary._meta
    quote = connection.ops.quote_name
    columns = ", ".join(quote(meta.get_field(name).column) for name in CARD_FIELDS)
    sql = (
        f"SELECT {columns} FROM {quote(meta.db_table)} WHERE {quote('user_id')} = %s "
        f"AND {quote('week_start')} IN ({', '.join(['%s'] * len(mondays))})"
    )
    week_start = meta.get_field("week_start")
    params = [user_id, *(week_start.get_db_prep_value(m, connection) for m in mondays)]
    found = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for row in cursor.fetchall():
            values = {
                name: meta.get_field(name).to_python(value)  # SQLite: "2026-03-02", 0/1
                for name, value in zip(CARD_FIELDS, row, strict=True)
            }
            if isinstance(values["bullets"], str):  # JSON comes as text from the database
                values["bullets"] = json.loads(values["bullets"])
            summary = WeekSummary(user_id=user_id, **values)
            found[summary.week_start] = summary
    return found


@register.inclusion_tag("perf/includes/week.html", takes_context=True)
def week_card(context, day):
    """The summary of `day`'s week, or the offer to write it."""
    monday = monday_of(day)
    summaries = context.get("week_summaries")
    if summaries is None:  # a page with one week: Today
        summaries = week_summaries(context["request"].user.pk, [monday])
    # Django hands the page's csrf_token on to an inclusion tag's template by itself.
    return week_context(monday, summaries.get(monday))


def week_context(monday, summary):
    return {"monday": monday, "iso_week": iso_week(monday), "week": summary}
