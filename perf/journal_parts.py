"""What perf adds to journal's entries and pages (journal/extensions.py), registered in
PerfConfig.ready(): goal links (chips on rows, the edit form's picker, the API's goal_ids),
the week card on Today and Feed, Polish in an entry's edit form, the export in Settings."""

from collections import defaultdict

from django.db import connection
from django.utils.translation import gettext_lazy as _

from journal import extensions
from journal.extensions import EntryLinks, Link
from journal.models import url_prefix

from .forms import ImportForm
from .import_runs import ImportRun
from .llm.config import llm_config, model_in_use
from .models import Goal, WeekSummary, iso_week


class GoalLinks(EntryLinks):
    name = "goals"
    label = _("Goals")
    help_text = _(
        "Writing a goal's #tag in the text ticks that goal when you save; "
        "what you untick here stays unticked."
    )
    # Not the raw id in the message: a user cannot tell which goal it is.
    invalid_message = _("Pick goals from the list: one of them is not yours.")

    def linked(self, entry_ids):
        """Plain SQL, as rows are most of Today and Feed: with this lookup, the week cards
        and Feed's done plans through the ORM, Feed page 1 took p95 3.69x the floor against
        3.25x and Today 3.58x against 3.09x (bench/hand_sql.py, 2026-12-01, SQLite, 20k
        entries; bench/pages.py's target is 3x). Alone, the lookup through the ORM
        (values_list joined to the goals) took 0.60 ms against 0.10."""
        entry_ids = list(entry_ids)
        found = defaultdict(list)
        if not entry_ids:
            return found
        through = Goal.entries.through._meta
        entry_id, goal_id = through.get_field("entry"), through.get_field("goal")
        quote = connection.ops.quote_name
        sql = (
            f"SELECT l.{quote(entry_id.column)}, l.{quote(goal_id.column)}, g.{quote('title')}, "
            f"g.{quote('status')} "
            f"FROM {quote(through.db_table)} l JOIN {quote(Goal._meta.db_table)} g "
            f"ON g.{quote(Goal._meta.pk.column)} = l.{quote(goal_id.column)} "
            f"WHERE l.{quote(entry_id.column)} IN ({', '.join(['%s'] * len(entry_ids))}) "
            f"ORDER BY g.{quote('title')}"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [entry_id.get_db_prep_value(pk, connection) for pk in entry_ids])
            goal_url = url_prefix("perf:goal-detail")  # as Goal.get_absolute_url
            for linked_entry, linked_goal, title, status in cursor.fetchall():
                goal = goal_id.to_python(linked_goal)
                # Chips by title; the API's ids in Goal's own ordering, as it always gave them.
                link = Link(goal, title, f"{goal_url}{goal}/", order=(status, title))
                found[entry_id.to_python(linked_entry)].append(link)
        return found

    def choices(self, user, entry):
        return [(goal.pk, goal.title) for goal in Goal.pickable_for(user, entry).only("title")]

    def owned(self, user, ids):
        return set(Goal.objects.filter(user=user, pk__in=list(ids)).values_list("pk", flat=True))

    def replace(self, entry, ids):
        """Link exactly these; the goals it loses are unticked, and the #tags of the save
        that follows leave them so (perf/signals.py)."""
        ids = set(ids)
        before = set(entry.goals.values_list("pk", flat=True))
        entry.goals.set(list(ids))
        entry.unticked_goals = before - ids


# What a week card shows; the rest of a summary (its sent entries, tokens) stays unread.
CARD_FIELDS = ["week_start", "status", "stale", "is_ai", "error", "bullets"]


def week_context(monday, summary) -> dict:
    return {"monday": monday, "iso_week": iso_week(monday), "week": summary}


def week_cards(user, mondays) -> dict:
    """{monday: the card's context} for these weeks, from one query.

    Model.objects.raw(), which still reads each column through its field (the bullets'
    JSON, SQLite's 0/1 and dates): 0.10 ms against 0.46 for filter().only() (2026-12-01,
    SQLite, 20k entries); the page figures are in GoalLinks.linked."""
    meta = WeekSummary._meta
    quote = connection.ops.quote_name
    columns = ", ".join(quote(meta.get_field(name).column) for name in ["id", *CARD_FIELDS])
    sql = (
        f"SELECT {columns} FROM {quote(meta.db_table)} WHERE {quote('user_id')} = %s "
        f"AND {quote('week_start')} IN ({', '.join(['%s'] * len(mondays))})"
    )
    week_start = meta.get_field("week_start")
    params = [user.pk, *(week_start.get_db_prep_value(monday, connection) for monday in mondays)]
    found = {summary.week_start: summary for summary in WeekSummary.objects.raw(sql, params)}
    return {monday: week_context(monday, found.get(monday)) for monday in mondays}


def import_section(user, keys) -> dict:
    """Settings' export and import: the upload form and the last imports."""
    return dict.fromkeys(keys, {"import_form": ImportForm(), "import_runs": ImportRun.recent(user)})


def llm_section(user, keys) -> dict:
    """Settings' AI card: who writes this server's summaries (so where entries go), and for
    staff the way to the LLM settings page."""
    config = llm_config()
    context = {
        "llm_provider": config.resolved_provider(),
        "llm_model": model_in_use(config),
        "llm_staff": user.is_staff,
    }
    return dict.fromkeys(keys, context)


def register():
    extensions.register_links(GoalLinks())
    extensions.register_part("week", "perf/includes/week.html", load=week_cards)
    extensions.register_part("entry-form-actions", "perf/includes/polish_entry_button.html")
    extensions.register_part("settings", "perf/includes/llm_part.html", load=llm_section)
    extensions.register_part("settings", "perf/includes/export_settings.html", load=import_section)
