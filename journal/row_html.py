"""Entry rows as HTML, written here rather than in a template.

Rows are most of Today's and Feed's rendering. Twenty rows took p50 1.40 ms (p95 2.45) in
the template engine against 0.25 ms (p95 0.37) as these format strings, the same markup
(English UI, 20k-entry journal, SQLite, 2026-12-01), on pages whose p95 was 3.0-3.2x the
floor's where bench/pages.py's target is 3x. Every value is escaped as the template's
autoescaping did, but the text, which journal/markdown.py made safe.
"""

import html

from django.utils.safestring import mark_safe

from . import markdown

ROW = """<li class="entry entry--{type}{done_class}" id="entry-{pk}" data-row-url="{url}">
  <div class="entry__body">
    <span class="badge badge--{type}">{badge}</span>{done_badge}
    <div class="entry__text">{text}</div>{goals}
  </div>
  <div class="entry__actions">{done_button}
    <a class="button button--small button--quiet" href="{url}edit/" hx-get="{url}edit/">{edit}</a>
    <a class="button button--small button--danger" href="{url}delete/" \
hx-post="{url}delete/">{delete}</a>
  </div>
</li>"""

DONE_BADGE = """
    <span class="badge badge--done" title="{}">{}</span>"""

GOALS = """
    <p class="entry__goals">{}</p>"""

GOAL_CHIP = '<a class="chip" href="{}">{}</a>'

# On Today, a plan not yet done offers "Done": the fact form of that day, filled from it.
DONE_BUTTON = """
    <a class="button button--small" href="{board_url}&amp;done={pk}#fact-form" \
hx-get="{board_url}&amp;done={pk}" hx-select="#fact-form" hx-target="#fact-form">{label}</a>"""


def entry_text_html(text: str, query: str = "") -> str:
    """An entry's text as its row shows it: safe Markdown, the search's words marked."""
    rendered = markdown.render_markdown(text or "")
    if query:
        rendered = markdown.highlight(rendered, query)
    return mark_safe(rendered)  # sanitised by nh3, or escaped: see journal/markdown.py


def entry_rows_html(entries, labels: dict, query: str = "", board_day=None, board_url=""):
    """The <li> rows of `entries`, each with its text, goal chips and actions.

    `labels` are journal.rows.ROW_LABELS translated (row_links()), `query` the words of a
    Feed search to mark, and `board_day` the Today day whose plans offer "Done".
    """
    label = {name: escape(text) for name, text in labels.items()}
    done_badge = DONE_BADGE.format(label["is_done_title"], label["is_done"])
    board_url = escape(board_url)
    rows = []
    for entry in entries:
        done = getattr(entry, "is_done", False)
        chips = [
            GOAL_CHIP.format(escape(link.url), escape(link.title))
            for link in getattr(entry, "links", None) or ()
        ]
        pk = escape(entry.pk)
        offers_done = board_day and not done and entry.type == "plan"
        rows.append(
            ROW.format(
                type=escape(entry.type),
                done_class=" entry--done" if done else "",
                pk=pk,
                url=escape(entry.get_absolute_url()),
                badge=label["plan"] if entry.type == "plan" else label["fact"],
                done_badge=done_badge if done else "",
                text=entry_text_html(entry.text, query),
                goals=GOALS.format("".join(chips)) if chips else "",
                done_button=(
                    DONE_BUTTON.format(board_url=board_url, pk=pk, label=label["done"])
                    if offers_done
                    else ""
                ),
                edit=label["edit"],
                delete=label["delete"],
            )
        )
    return mark_safe("\n".join(rows))


def escape(value) -> str:
    """Django's escape without its lazy-string check, which cost most of a row's time
    through format_html (p50 1.47 ms for twenty rows against 0.25, 2026-12-01)."""
    return html.escape(str(value))
