"""A summary as Markdown, for the download and the export."""

import html

from django.utils import translation
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..models import PerfSummary, PointSection
from .shown import is_shown, shown_answers, shown_points, with_points


def inert(text: str) -> str:
    """Text as Markdown shows it, never as HTML: Markdown passes raw HTML through, so a
    <script> in an entry or a model's answer would run where the export is rendered."""
    return html.escape(text, quote=False)


def cited_days(entries) -> str:
    """The days of cited entries, each once, in order: "3 Mar 2026, 5 Mar 2026"; more than
    three as their span ("2 Sep 2026 – 30 Nov 2026, 13 days"), so a routine line of a dozen
    entries reads as one line, not a dozen dates. In the active language."""
    days = sorted({entry.date for entry in entries or ()})
    if len(days) > 3:
        return ngettext(
            "%(first)s – %(last)s, %(count)s day", "%(first)s – %(last)s, %(count)s days", len(days)
        ) % {"first": date_format(days[0]), "last": date_format(days[-1]), "count": len(days)}
    return ", ".join(date_format(day) for day in days)


def summary_markdown(summary: PerfSummary) -> str:
    """The summary as Markdown, each point followed by the dates of the entries it cites,
    and ⚠ after what its entries do not support."""
    reviews = list(with_points(summary.goal_reviews.all()))
    if not summary.form_questions:  # a form lists every question, answered or not
        reviews = [review for review in reviews if is_shown(review)]
    with translation.override(summary.language):
        title = _("Perf summary")
        unsupported = _("unsupported")
        context = _("Context")
        headings = (_("Outputs"), _("Outcomes"))
        draft_note = _("Draft without AI, built from your entries.")
        deleted = _("a cited entry was deleted")
        period = f"{date_format(summary.period_start)} – {date_format(summary.period_end)}"
        # As the page prints them: one date format per language, a span for many days.
        days = {p.pk: cited_days(p.cited_entries()) for r in reviews for p in r.points.all()}

    def flags(items):
        return f" ⚠ {unsupported}: {', '.join(map(inert, items))}" if items else ""

    def bullet(point):
        line = f"- {inert(point.text)}"
        if days[point.pk]:
            line += f" ({days[point.pk]})"
        line += flags(point.unsupported)
        return line + (f" ⚠ {deleted}" if point.cited_deleted else "")

    lines = [f"# {inert(summary.form_name) if summary.form_questions else title}: {period}", ""]
    if not summary.is_ai:
        lines += [f"_{draft_note}_", ""]
    if summary.form_questions:
        with translation.override(summary.language):
            lines += answers_markdown(summary, reviews, bullet)
        return "\n".join(lines).rstrip() + "\n"
    lines += [inert(summary.summary_text) + flags(summary.summary_unsupported), ""]
    for review in reviews:
        lines += [f"## {inert(review.title)}", ""]
        if review.context:
            lines += [
                f"**{context}.** {inert(review.context)}{flags(review.context_unsupported)}",
                "",
            ]
        for heading, section in zip(
            headings, (PointSection.OUTPUT, PointSection.OUTCOME), strict=True
        ):
            if points := shown_points(review, section):
                lines += [f"**{heading}**", "", *(bullet(point) for point in points), ""]
    return "\n".join(lines).rstrip() + "\n"


def answers_markdown(summary: PerfSummary, reviews, bullet) -> list[str]:
    """A form's answers: each question, its points with their dates, and its characters
    against its limit (those of the text its Copy gives, without the dates)."""
    lines = []
    for answer in shown_answers(summary, reviews):
        lines += [f"## {inert(answer.question)}", ""]
        if answer.points:
            lines += [*(bullet(point) for point in answer.points), ""]
        else:
            lines += [_("No entry of this period speaks to this."), ""]
        if answer.limit:
            count = _("%(count)s / %(limit)s characters") % {
                "count": number_format(answer.characters, force_grouping=True),
                "limit": number_format(answer.limit, force_grouping=True),
            }
            lines += [f"_{count}_", ""]
    return lines
