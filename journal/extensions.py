"""What other apps add to journal's entries and pages, without journal importing them.

perf links entries to its goals, heads each week with its summary, offers Polish in an
entry's edit form and the export on the settings page. It says so in its AppConfig.ready():

    extensions.register_links(GoalLinks())
    extensions.register_part("week", WEEK_CARD_TEMPLATE, load=week_cards)

A registry rather than template blocks that perf fills or htmx fragments it serves: a Feed
page gets the links of all its rows and the cards of all its weeks from one query each, in
the same response, and journal's code and templates name no other app (with nothing
registered, its pages show no chips and no parts: test_extensions.py).
"""

import dataclasses
import typing
import uuid
from collections.abc import Callable, Iterable

from django.utils.safestring import mark_safe


class Link(typing.NamedTuple):
    """Something an entry is linked to, as its row shows it: a chip. Rows list an entry's
    links in the order `linked` gives; the API lists their ids by `order`."""

    pk: uuid.UUID
    title: str
    url: str
    order: tuple = ()


class EntryLinks:
    """Things an entry can be linked to (perf's goals): chips on its row, a picker in its
    edit form, a list of ids in the API. One app provides them; journal asks."""

    name = "links"  # the edit form's field
    label = ""
    help_text = ""
    invalid_message = ""  # a picked id that is not one of the user's

    def linked(self, entry_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, list[Link]]:
        """{entry id: its links in the order rows show them}, in one query for all."""
        return {}

    def choices(self, user, entry) -> list[tuple[uuid.UUID, str]]:
        """What the entry's edit form offers to link it to."""
        return []

    def owned(self, user, ids: Iterable[uuid.UUID]) -> set[uuid.UUID]:
        """Those of `ids` that are the user's to link to."""
        return set()

    def replace(self, entry, ids: Iterable[uuid.UUID]) -> None:
        """Link the entry to exactly these. Called before the entry's save, it also marks
        what it unlinks as unticked by the user: the save's #tags leave those unlinked."""


_links = EntryLinks()


def register_links(links: EntryLinks) -> None:
    global _links
    _links = links


def links() -> EntryLinks:
    return _links


def attach_links(*entry_lists) -> None:
    """Set `links` on every entry of the lists, for their rows, in one query."""
    entries = [entry for entries in entry_lists for entry in entries]
    found = _links.linked([entry.pk for entry in entries]) if entries else {}
    for entry in entries:
        entry.links = found.get(entry.pk, [])


class EntryKeeper:
    """What another app hangs on an entry (perf: its goal links, the summary points and
    contexts that cite it), kept across a delete so that Undo can put it back.

    `snapshot(entry)` runs just before the entry is deleted and returns plain JSON data
    (it travels signed in the Undo form); `restore(entry, data)` runs once the entry is
    back, with the same id, in the same transaction, and skips what went meanwhile (a goal
    deleted, a summary rewritten)."""

    name = ""

    def snapshot(self, entry) -> typing.Any:
        return None

    def restore(self, entry, data) -> None:
        """Put back what `snapshot` kept."""


_keepers: dict[str, EntryKeeper] = {}


def register_keeper(keeper: EntryKeeper) -> None:
    _keepers[keeper.name] = keeper  # by name: ready() may run twice


def keepers() -> list[EntryKeeper]:
    return list(_keepers.values())


@dataclasses.dataclass(frozen=True)
class Part:
    """A template another app shows in one of journal's slots:
    - "week": heads each week on Feed and ends Today (`load(user, mondays)` gives each
      Monday's context);
    - "entry-form-actions": among the buttons of an entry's edit form (with `entry`);
    - "settings": a section of the settings page."""

    template: str
    load: Callable[..., dict] | None = None


SLOTS = ("week", "entry-form-actions", "settings")
_parts: dict[str, list[Part]] = {slot: [] for slot in SLOTS}


def register_part(slot: str, template: str, *, load: Callable[..., dict] | None = None):
    if slot not in _parts:
        raise ValueError(f"journal has no slot {slot!r}; its slots are {', '.join(SLOTS)}")
    part = Part(template, load)
    if part not in _parts[slot]:  # ready() may run twice (tests, the shell)
        _parts[slot].append(part)


def parts(slot: str) -> list[Part]:
    return _parts[slot]


def load_parts(slot: str, user, keys) -> dict:
    """What the slot's parts show for each key (a week's Monday), loaded for a whole page:
    {part: {key: context}}; the page's render_parts then picks each key's."""
    keys = sorted(set(keys))
    return {part: part.load(user, keys) for part in _parts[slot] if part.load and keys}


def render_parts(context, slot: str, key=None) -> str:
    """The slot's parts rendered into the page, each with what load_parts gave for `key`."""
    loaded = context.get("loaded_parts", {})
    html = []
    for part in _parts[slot]:
        extra = {}
        if part.load:  # a page with one key (Today's week) need not load them first
            found = loaded.get(part, {})
            if key not in found:
                found = part.load(context["request"].user, [key])
            extra = found[key]
        template = context.template.engine.get_template(part.template)
        with context.push(**extra):
            html.append(template.render(context))
    return mark_safe("".join(html))
