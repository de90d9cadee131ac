"""Entry templates: the usual shapes of an entry ("Shipped: … Why: … Measured result: …")
that Today offers above its boxes.

The built-in ones are translatable strings, not rows: they follow the UI language and need
no data migration per user. A user's own are EntryTemplate rows, made in Settings. Both
come out as `Template`, keyed "shipped" (built in) or by the row's UUID (own), so that Today
can name one in a link (?template=shipped&type=fact) that works without JavaScript.
"""

import dataclasses
import functools
import re
import uuid

from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from .models import EntryTemplate, EntryType, Profile, TemplateFor

# A blank to fill is a line that ends in a colon ("Why:" or "Why: "): the cursor goes to the
# end of the first one. A template without one puts the cursor at its end.
BLANK = re.compile(r":[ \t]*$", re.MULTILINE)


@dataclasses.dataclass(frozen=True)
class Template:
    key: str
    name: str
    text: str
    type: str  # TemplateFor: the box it is offered in, or both
    built_in: bool = False

    @functools.cached_property
    def cursor(self) -> int:
        """Where the cursor goes once the template is in the box, its first blank, in
        UTF-16 code units as a text area's selectionStart counts them (an emoji is two)."""
        blank = BLANK.search(self.text)
        before = self.text[: blank.end()] if blank else self.text
        return len(before.encode("utf-16-le")) // 2

    def offered_for(self, entry_type: str) -> bool:
        return self.type in (TemplateFor.ANY, entry_type)


# (key, name, text, offered for). Each line of the text is a label the user completes; the
# names are short because Today shows them as a row of small buttons.
BUILT_INS = [
    (
        "shipped",
        pgettext_lazy("entry template", "Shipped"),
        _("Shipped: \nWhy: \nMeasured result: "),
        TemplateFor.FACT,
    ),
    (
        "incident",
        pgettext_lazy("entry template", "Incident"),
        _("Incident: \nMy part: \nResult: "),
        TemplateFor.FACT,
    ),
    (
        "helped",
        pgettext_lazy("entry template", "Helped"),
        _("Helped: \nWith: "),
        TemplateFor.FACT,
    ),
    (
        "learned",
        pgettext_lazy("entry template", "Learned"),
        _("Learned: \nWhere it helps: "),
        TemplateFor.FACT,
    ),
    (
        "done-when",
        pgettext_lazy("entry template", "Done when"),
        _("Plan: \nDone when: "),
        TemplateFor.PLAN,
    ),
]


def built_in_templates() -> list[Template]:
    """The built-in templates in the active language."""
    return list(_built_in_templates(get_language()))


@functools.cache
def _built_in_templates(language: str) -> tuple[Template, ...]:
    # Once per language rather than per Today (frozen, so they can be shared): translating
    # five names and texts was a fifth of the picker's time.
    return tuple(
        Template(key=key, name=str(name), text=str(text), type=kind, built_in=True)
        for key, name, text, kind in BUILT_INS
    )


def own_template(row: EntryTemplate) -> Template:
    # A text area's value has "\n" line ends whatever the browser posted.
    text = row.text.replace("\r\n", "\n")
    return Template(key=str(row.pk), name=row.name, text=text, type=row.type)


def templates_for(user) -> list[Template]:
    """The built-in templates, then the user's own in their order (one query)."""
    # Raw SQL on Today's hot path: 119 µs against the ORM's 485 µs for the same query
    # (2026-12-01, SQLite, one template), where Today stood at 3.16x its floor's p95 (target
    # 3x, bench/pages.py) once the picker came.
    own = EntryTemplate.objects.raw(
        f"SELECT id, name, text, type FROM {EntryTemplate._meta.db_table} "
        "WHERE user_id = %s ORDER BY position, created_at",
        [user.pk],
    )
    return [*built_in_templates(), *(own_template(row) for row in own)]


def find_template(user, key: str) -> Template | None:
    """The built-in template or the user's own one that `key` names; None for a key that
    names neither (another user's template included)."""
    for template in built_in_templates():
        if template.key == key:
            return template
    try:
        row = EntryTemplate.objects.get(user=user, pk=uuid.UUID(key))
    except (ValueError, EntryTemplate.DoesNotExist):
        return None
    return own_template(row)


def box_for(template: Template, wanted: str | None) -> str:
    """The box (plan or fact) a template picked by link fills: its own type, else the one
    the link asks for, else the fact box."""
    if template.type != TemplateFor.ANY:
        return template.type
    return wanted if wanted in EntryType.values else EntryType.FACT


def lock_templates_of(user) -> None:
    """Hold the user's profile row until the transaction ends, so that two adds at once
    cannot both pass the limit of templates (PostgreSQL; SQLite takes one writer at a time)."""
    Profile.objects.select_for_update().filter(user=user).exists()
