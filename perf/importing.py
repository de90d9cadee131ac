"""Journals into Perf Assist: our own JSON export (a restore), the JSON that
`jrnl --export json` writes, and a folder of Markdown daily notes as Obsidian keeps them.

Reading checks the whole file first; a fault is reported with the line or record at fault
and nothing is written. Writing happens in one transaction. Importing the same file twice
adds nothing the second time: records keep their ids, and entries also match on their
day, type and text.
"""

import dataclasses
import datetime
import errno
import functools
import json
import os
import re
import stat
import uuid
import zoneinfo
from collections import Counter, defaultdict
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, models, transaction
from django.db.models import CheckConstraint
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from journal.models import ENTRY_TEXT_MAX_LENGTH, Entry, EntryType, Profile
from journal.search import normalize_for_search
from journal.validation import (
    EARLIEST_DATE,
    LATEST_DATE,
    LONE_SURROGATE,
    date_range_message,
    has_visible_character,
    validate_storable_text,
    validate_supported_date,
    validate_visible_text,
)

from .models import (
    Citation,
    Goal,
    GoalReview,
    PerfSummary,
    PointSection,
    ReviewPoint,
    SummaryStatus,
    WeekSummary,
)
from .portability import FORMAT, PROFILE_FIELDS, READS, record_fields
from .services.weeks import mark_stale, monday_of
from .signals import link_tagged


class JournalFileError(ValueError):
    """The file cannot be imported; the message names the line or record at fault."""


@dataclasses.dataclass
class ImportReport:
    kind: str
    created: Counter = dataclasses.field(default_factory=Counter)
    existing: Counter = dataclasses.field(default_factory=Counter)
    skipped_files: list = dataclasses.field(default_factory=list)
    # Summaries and weekly summaries the file holds half-written, imported as failed.
    unfinished: int = 0

    KINDS = ["entries", "goals", "perf summaries", "weekly summaries"]

    def __str__(self):
        def counts(counter):
            named = [f"{name}: {counter[name]}" for name in self.KINDS if counter[name]]
            return ", ".join(named) or "nothing"

        lines = [f"Imported from {self.kind}: {counts(self.created)}."]
        if sum(self.existing.values()):
            lines.append(f"Already there, left as they were: {counts(self.existing)}.")
        if self.skipped_files:
            lines.append(
                "Not daily notes (not named YYYY-MM-DD.md), skipped: "
                + ", ".join(self.skipped_files)
            )
        if self.unfinished:
            lines.append(
                ngettext(
                    "%(count)d summary was still being written when it was exported: it "
                    "comes in as failed, to be written again.",
                    "%(count)d summaries were still being written when they were exported: "
                    "they come in as failed, to be written again.",
                    self.unfinished,
                )
                % {"count": self.unfinished}
            )
        return "\n".join(lines)


def import_journal(user, path, *, dry_run=False) -> ImportReport:
    """Import a file or folder into `user`'s journal; raises JournalFileError."""
    source = read_source(Path(path))
    try:
        with transaction.atomic():
            report = source.write(user)
            if dry_run:
                transaction.set_rollback(True)
    except (IntegrityError, DataError) as error:
        # Reading checks what the database would refuse; should a case slip through, the
        # transaction is undone and the file refused like any other fault.
        raise JournalFileError(f"the database refused a record ({error}).") from None
    return report


def read_source(path: Path):
    if path.is_dir():
        return DailyNotes.read(path)
    if not path.exists():
        raise JournalFileError(f"{path}: there is no such file or folder.")
    # The path the user named may be a link; what it points at must be a plain file.
    path = path.resolve()
    if path.suffix.lower() == ".md":
        return DailyNotes.read_files([path], base=path.parent)
    raw = read_regular_file(path, path.name)
    try:
        text = raw.decode("utf-8")
        data = json.loads(text, parse_constant=refuse_constant)
        # JSON can carry a NUL or a lone surrogate only escaped: look for where only when
        # such an escape is there, so that a clean file costs one scan of its text.
        fault = unstorable_in(data) if UNSTORABLE_ESCAPE.search(text) else None
    except UnicodeDecodeError:
        raise JournalFileError(f"{path.name}: not UTF-8 text.") from None
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        # Some of json's messages end in "… starting at", expecting the place after them.
        reason = f"{error.msg} {where}" if error.msg.endswith(" at") else error.msg
        raise JournalFileError(f"{path.name}, {where}: not valid JSON ({reason}).") from None
    except (ValueError, RecursionError) as error:  # NaN, a number too long, nesting too deep
        raise JournalFileError(f"{path.name}: not a journal file ({error}).") from None
    if fault:
        raise JournalFileError(f"{record_path(data, fault[0])}: {fault[1]}")
    if isinstance(data, dict) and data.get("format") == FORMAT:
        return OurExport.read(data)
    if isinstance(data, dict) and isinstance(data.get("entries"), list) and "tags" in data:
        return JrnlExport.read(data)
    raise JournalFileError(
        f'{path.name}: neither a Perf Assist export ("format": "{FORMAT}") '
        "nor the JSON of `jrnl --export json`."
    )


def refuse_constant(name):
    raise ValueError(f"{name} is not a number a journal holds")


def read_regular_file(path: Path, name: str) -> bytes:
    """The bytes of a plain file, refusing a link, a device, a pipe or a socket. Checked on
    the opened file itself (O_NOFOLLOW, fstat), so that nothing can swap a link in between
    looking and reading; O_NONBLOCK keeps a named pipe from hanging the import."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise JournalFileError(refused_link(name)) from None
        raise JournalFileError(
            _("%(name)s: cannot be read (%(reason)s).") % {"name": name, "reason": error.strerror}
        ) from None
    with os.fdopen(descriptor, "rb") as file:
        if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
            raise JournalFileError(
                _("%(name)s: not a plain file (a device, a pipe or a socket); it is not read.")
                % {"name": name}
            )
        return file.read()


def refused_link(name: str) -> str:
    return _(
        "%(name)s is a link to somewhere else; links are not followed. Copy what it "
        "points at into the folder, or remove the link."
    ) % {"name": name}


# What a JSON file spells with an escape and a database cannot store: NUL (PostgreSQL
# keeps none, in text or in JSON) and halves of a surrogate pair (UTF-8 cannot encode them).
UNSTORABLE_ESCAPE = re.compile(r"\\u(?:0000|[dD][89a-fA-F])")


def unstorable_in(value, path=()) -> tuple[tuple, str] | None:
    """Where text the database cannot store is, if anywhere (as keys and indexes from the
    top of the file), and why."""
    if isinstance(value, str):
        if "\x00" in value:
            return path, _("The text holds a NUL character: remove it and try again.")
        try:
            validate_storable_text(value)
        except ValidationError as error:
            return path, " ".join(error.messages)
        return None
    if isinstance(value, dict):
        for key, item in value.items():
            if found := unstorable_in(key, (*path, key)) or unstorable_in(item, (*path, key)):
                return found
    elif isinstance(value, list):
        for index, item in enumerate(value):
            if found := unstorable_in(item, (*path, index)):
                return found
    return None


def record_path(data, path: tuple) -> str:
    """A place in the file as the other messages name it: the record, by its list, place and
    id, then the field within it, such as `entries[12] (id …): text`."""
    if not path:
        return _("the file")
    parts, value = [], data
    for step in path:
        if isinstance(step, int):
            label = f"[{step}]"
            value = value[step] if isinstance(value, list) else None
            if isinstance(value, dict) and isinstance(value.get("id"), str):
                label += f" (id {printable(value['id'])})"
            if parts:
                parts[-1] += label
            else:
                parts.append(label)
        else:
            parts.append(printable(step))
            value = value.get(step) if isinstance(value, dict) else None
    return ": ".join(parts)


def printable(text: str, limit: int = 60) -> str:
    """Text of the file fit to show in a message: lone surrogates and NULs escaped (they
    cannot be written to a terminal), and cut short."""
    if LONE_SURROGATE.search(text) or "\x00" in text:
        text = json.dumps(text)[1:-1]
    return text if len(text) <= limit else text[: limit - 1] + "…"


def describe(error: ValidationError) -> str:
    if hasattr(error, "message_dict"):
        return "; ".join(
            f"{field}: {' '.join(messages)}" if field != "__all__" else " ".join(messages)
            for field, messages in error.message_dict.items()
        )
    return " ".join(error.messages)


# --- Plain entries: jrnl and daily notes ---


@dataclasses.dataclass(frozen=True)
class NewEntry:
    date: datetime.date
    type: str
    text: str
    where: str  # the record or line it came from, for error messages


def check_text(text: str, where: str):
    if "\x00" in text:
        raise JournalFileError(f"{where}: text holds a NUL character.")
    try:
        validate_visible_text(text)
    except ValidationError as error:
        raise JournalFileError(f"{where}: {describe(error)}") from None
    if len(text) > ENTRY_TEXT_MAX_LENGTH:
        raise JournalFileError(
            f"{where}: an entry can be at most {ENTRY_TEXT_MAX_LENGTH} characters long "
            f"(it has {len(text)})."
        )


def check_week(monday: datetime.date, where: str):
    """A week holding a day kept, as parse_iso_week accepts: the weeks of the range's first
    and last days reach a little past it (1970-W01 starts on 29 December 1969)."""
    if monday + datetime.timedelta(days=6) < EARLIEST_DATE or monday > LATEST_DATE:
        raise JournalFileError(f"{where}: {date_range_message(monday)}")


def check_day(day: datetime.date, where: str):
    try:
        validate_supported_date(day)
    except ValidationError as error:
        raise JournalFileError(f"{where}: {describe(error)}") from None


class PlainEntries:
    kind = ""

    def __init__(self, entries: list[NewEntry], skipped_files=()):
        self.entries = entries
        self.skipped_files = list(skipped_files)

    def write(self, user) -> ImportReport:
        """Add each entry unless the user has one of that day, type and text already."""
        report = ImportReport(self.kind, skipped_files=self.skipped_files)
        # Counted, not just seen: a note may say the same thing twice in a day, and both stay.
        known = Counter(Entry.objects.filter(user=user).values_list("date", "type", "text"))
        created = []
        for new in self.entries:
            key = (new.date, new.type, new.text)
            if known[key]:
                known[key] -= 1
                report.existing["entries"] += 1
                continue
            created.append(
                Entry(
                    user=user, date=new.date, type=new.type, text=new.text,
                    search_text=normalize_for_search(new.text),
                )
            )  # fmt: skip
        # In bulk, then what saving each would do (perf.signals): #tags link goals, and
        # weekly summaries go stale. Row by row, 100,000 entries held SQLite's write lock
        # for 158 s, past the 60 s other writes wait (SQLITE_BUSY_TIMEOUT).
        Entry.objects.bulk_create(created, batch_size=2000)
        link_tagged(user.pk, created)
        mark_stale(user.pk, *{entry.date for entry in created})
        report.created["entries"] += len(created)
        return report


class JrnlExport(PlainEntries):
    """`jrnl --export json`: each entry's title and body become one fact of its day (jrnl
    has no plans); its tags stay in the text, so #tags of your goals link them."""

    kind = "jrnl"

    @classmethod
    def read(cls, data: dict):
        entries = []
        for index, record in enumerate(data["entries"]):
            where = f"entries[{index}]"
            if not isinstance(record, dict):
                raise JournalFileError(f"{where}: an entry must be an object.")
            title, body = record.get("title", ""), record.get("body", "")
            if not isinstance(title, str) or not isinstance(body, str):
                raise JournalFileError(f"{where}: title and body must be text.")
            try:
                if not str(record.get("date")).isascii():  # ２０２６ reads as 2026
                    raise ValueError
                day = datetime.date.fromisoformat(str(record.get("date")))
            except ValueError:
                raise JournalFileError(
                    f"{where}: date “{record.get('date')}” is not a calendar day as YYYY-MM-DD."
                ) from None
            check_day(day, f"{where}: date")
            # jrnl splits an entry into its first sentence and the rest; the rest holds a
            # line break only when the entry had lines of its own.
            joint = "\n" if "\n" in body.strip() else " "
            text = joint.join(part for part in (title.strip(), body.strip()) if part)
            if not text:
                raise JournalFileError(f"{where}: the entry has no text.")
            check_text(text, where)
            entries.append(NewEntry(day, EntryType.FACT, text, where))
        return cls(entries)


DAILY_NOTE = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})\.md$", re.IGNORECASE)
HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*\s*$")
PLAN_HEADING = re.compile(r"^(plans?|планы?)\b", re.IGNORECASE)
LIST_MARKER = re.compile(r"^(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?")
RULE = re.compile(r"^(?:-{3,}|\*{3,}|_{3,})$")


class DailyNotes(PlainEntries):
    """A folder of YYYY-MM-DD.md files. Each line is an entry: a plan under a heading that
    starts with "Plan" ("Plans", "План", "Планы"), else a fact. Indented lines continue the
    entry above them. Front matter, headings and rules are not entries."""

    kind = "daily notes"

    @classmethod
    def read(cls, folder: Path):
        """The notes of the folder and its sub-folders, but not those starting with a dot
        (.obsidian, .trash). A link, to a file or a folder, is refused rather than followed:
        a shared or synced vault could otherwise make the import read any file the server
        can (`2026-11-05.md -> /etc/passwd`)."""
        root = folder.resolve()

        def unreadable(error):
            name = Path(error.filename).relative_to(root) if error.filename else folder
            raise JournalFileError(
                _("%(name)s: cannot be read (%(reason)s).")
                % {"name": name, "reason": error.strerror}
            )

        files = []
        # os.walk lists a link to a folder among the folders and never enters it.
        for top, folders, names in os.walk(root, onerror=unreadable):
            folders[:] = [name for name in folders if not name.startswith(".")]
            for name in folders:
                if os.path.islink(os.path.join(top, name)):
                    raise JournalFileError(refused_link(cls.name_in(root, top, name)))
            for name in names:
                if name.startswith(".") or not name.lower().endswith(".md"):
                    continue
                path = Path(top, name)
                if path.is_symlink():
                    raise JournalFileError(refused_link(cls.name_in(root, top, name)))
                if not path.resolve().is_relative_to(root):
                    raise JournalFileError(
                        _("%(name)s is outside the folder being imported; it is not read.")
                        % {"name": cls.name_in(root, top, name)}
                    )
                files.append(path)
        return cls.read_files(sorted(files), base=root)

    @staticmethod
    def name_in(root: Path, top: str, name: str) -> str:
        return str(Path(top, name).relative_to(root))

    @classmethod
    def read_files(cls, files, *, base: Path):
        entries, skipped = [], []
        for path in files:
            name = str(path.relative_to(base))
            match = DAILY_NOTE.match(path.name)
            if not match:
                skipped.append(name)
                continue
            try:
                day = datetime.date(*map(int, match.groups()))
            except ValueError:
                raise JournalFileError(f"{name}: {path.stem} is not a real day.") from None
            check_day(day, name)
            try:
                # utf-8-sig: a byte order mark, as some editors write, is not text of the note.
                text = read_regular_file(path, name).decode("utf-8-sig")
            except UnicodeDecodeError:
                raise JournalFileError(f"{name}: not UTF-8 text.") from None
            entries += cls.parse(text, day, name)
        return cls(entries, skipped)

    @staticmethod
    def parse(text: str, day: datetime.date, name: str) -> list[NewEntry]:
        lines = text.splitlines()
        start = 0
        if lines and lines[0].strip() == "---":  # YAML front matter
            closing = next(
                (i for i, line in enumerate(lines[1:], 1) if line.strip() == "---"), None
            )
            if closing is None:
                raise JournalFileError(f"{name}, line 1: the front matter is never closed by ---.")
            start = closing + 1
        found: list[tuple[str, list[str], int]] = []  # type, lines, first line number
        kind, current = EntryType.FACT, None
        for number, line in enumerate(lines[start:], start + 1):
            stripped = line.strip()
            if not stripped or RULE.match(stripped):
                current = None
                continue
            if heading := HEADING.match(stripped):
                is_plan = PLAN_HEADING.match(heading.group(1))
                kind, current = (EntryType.PLAN if is_plan else EntryType.FACT), None
                continue
            if line[:1].isspace() and current is not None:
                current[1].append(stripped)
                continue
            current = (kind, [LIST_MARKER.sub("", stripped)], number)
            found.append(current)
        entries = []
        for kind, parts, number in found:
            text = "\n".join(parts).strip()
            if not has_visible_character(text):
                # An empty list item or checkbox, or a line of only zero-width marks: what a
                # reader of the note sees as a blank line is not an entry.
                continue
            where = f"{name}, line {number}"
            check_text(text, where)
            entries.append(NewEntry(day, kind, text, where))
        return entries


# --- Our own export: every record, with its id and timestamps ---


def build(model, record, where: str, *, nested=()):
    """An unsaved instance from an exported record, its values checked by the model's fields."""
    if not isinstance(record, dict):
        raise JournalFileError(f"{where}: a record must be an object.")
    fields = {field.name: field for field in record_fields(model)}
    unknown = set(record) - set(fields) - set(nested)
    if unknown:
        raise JournalFileError(f"{where}: unknown fields {', '.join(sorted(unknown))}.")
    if record.get("id") is None:
        raise JournalFileError(f"{where}: the record has no id.")
    values, references = {}, []
    for name, value in record.items():
        if name in nested:
            continue
        field = fields[name]
        if problem := json_type_problem(field, value):
            raise JournalFileError(f"{where}: {name}: {problem}")
        try:
            if field.is_relation:
                references.append(name)
                target = field.target_field
                values[field.attname] = None if value is None else target.to_python(value)
            else:
                values[name] = field.to_python(value)
        except ValidationError as error:
            raise JournalFileError(f"{where}: {name}: {describe(error)}") from None
        except (TypeError, ValueError, OverflowError):
            raise JournalFileError(f"{where}: {name}: {value!r} is not a valid value.") from None
        check_length(field, values.get(name), f"{where}: {name}")
        if isinstance(field, models.DateField) and values[name] and field.name != "week_start":
            check_day(values[name], f"{where}: {name}")
    if model is WeekSummary and isinstance(values.get("week_start"), datetime.date):
        check_week(values["week_start"], f"{where}: week_start")
    for name in VISIBLE_FIELDS.get(model, ()):
        if values.get(name) and isinstance(values[name], str):  # blank: full_clean says so
            try:
                validate_visible_text(values[name])
            except ValidationError as error:
                raise JournalFileError(f"{where}: {name}: {describe(error)}") from None
    instance = model(**values)
    for field in fields.values():
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            if getattr(instance, field.attname) is None:
                setattr(instance, field.attname, timezone.now())
    try:
        # Relations are checked against the file and the user's records, not the whole table.
        instance.full_clean(
            exclude=["user", "summary", *references],
            validate_unique=False,
            validate_constraints=False,
        )
        # Entries' checks (type, text not empty nor too long) are their fields' own, checked
        # above; asking the database for each of thousands of entries would be slow.
        if model is not Entry:
            for constraint in model._meta.constraints:
                if isinstance(constraint, CheckConstraint):
                    constraint.validate(model, instance)
    except ValidationError as error:
        raise JournalFileError(f"{where}: {describe(error)}") from None
    return instance


TEXT_TYPES = {"CharField", "TextField", "SlugField"}
NUMBER_TYPES = {"PositiveIntegerField", "IntegerField", "BigAutoField", "BigIntegerField"}


def json_type_problem(field, value) -> str:
    """What is wrong with the JSON type of `value` for `field`, or "": the fields' own
    to_python would turn a list into its Python text and the number 123 into a UUID."""
    if value is None:
        return ""
    kind = (field.target_field if field.is_relation else field).get_internal_type()
    if kind == "UUIDField":
        ok = isinstance(value, str) and is_proper_id(value)
        return (
            "" if ok else f"{printable(repr(value))} is not an id written as this app writes one."
        )
    if kind in ("DateField", "DateTimeField") and not (isinstance(value, str) and value.isascii()):
        shown = printable(repr(value))
        return f'{shown} is not a date: write it as a JSON string, such as "2026-11-24".'
    if kind in TEXT_TYPES and not isinstance(value, str):
        return "must be a text (a JSON string)."
    if kind == "BooleanField" and not isinstance(value, bool):
        return "must be true or false."
    if kind in NUMBER_TYPES and (isinstance(value, bool) or not isinstance(value, int)):
        return "must be a whole number."
    return ""


# Texts shown as the record's name or as all of it: one only of spaces and zero-width marks
# would be a blank line on the page and an empty link.
VISIBLE_FIELDS = {Entry: ["text"], Goal: ["title"]}


def check_length(field, value, where):
    """Text fields' max_length, which Django checks only in forms."""
    if field.max_length and isinstance(value, str) and len(value) > field.max_length:
        raise JournalFileError(
            f"{where}: at most {field.max_length} characters are allowed (it has {len(value)})."
        )


def record_label(name, index, record) -> str:
    record_id = record.get("id") if isinstance(record, dict) else None
    return f"{name}[{index}]" + (f" (id {record_id})" if record_id else "")


def uuid_list(value, where: str) -> list[uuid.UUID]:
    if not isinstance(value, list):
        raise JournalFileError(f"{where}: must be a list of ids.")
    try:
        return [uuid.UUID(str(item)) for item in value]
    except ValueError:
        raise JournalFileError(f"{where}: {value!r} holds something that is not an id.") from None


@functools.cache
def time_zones() -> frozenset:
    return frozenset(zoneinfo.available_timezones())


def fail_unfinished(run):
    """A summary or weekly summary the file holds waiting or being written comes in failed:
    no worker of this install will ever finish it, and it must not say "Writing" forever.
    Only the status, the reason and the time it ended change; the user writes it again."""
    run.came_unfinished = run.status in (SummaryStatus.PENDING, SummaryStatus.RUNNING)
    if run.came_unfinished:
        with translation.override(run.language):
            run.error = _(
                "This summary was still being written when it was exported; write it again."
            )
        run.status = SummaryStatus.FAILED
        run.finished_at = timezone.now()
        if hasattr(run, "rewriting_review_id"):
            # As when a run fails here: the rewrite of one goal it was doing is over.
            run.rewriting_review_id = None
    return run


class OurExport:
    kind = "a Perf Assist export"

    def __init__(self, profile, goals, entries, goal_links, summaries, reviews, weeks):
        self.profile = profile
        self.goals, self.entries, self.goal_links = goals, entries, goal_links
        self.summaries, self.reviews, self.weeks = summaries, reviews, weeks

    @classmethod
    def read(cls, data: dict):
        version = data.get("version")
        if type(version) is not int or version not in READS:  # true == 1 in Python
            raise JournalFileError(
                f"version: this Perf Assist reads versions {READS[0]} to {READS[-1]} of its "
                f"export, the file is version {data.get('version')!r}."
            )
        for name in ("goals", "entries", "summaries", "week_summaries"):
            if not isinstance(data.get(name, []), list):
                raise JournalFileError(f"{name}: must be a list of records.")
        profile = cls.read_profile(data.get("user", {}))

        goals = [
            build(Goal, record, record_label("goals", i, record))
            for i, record in enumerate(data.get("goals", []))
        ]
        entries, goal_links = [], {}
        for i, record in enumerate(data.get("entries", [])):
            where = record_label("entries", i, record)
            entry = build(Entry, record, where, nested=("goals",))
            entries.append(entry)
            goal_links[entry.pk] = uuid_list(record.get("goals", []), f"{where}: goals")
        summaries, reviews = [], {}
        for i, record in enumerate(data.get("summaries", [])):
            where = record_label("summaries", i, record)
            summary = build(PerfSummary, record, where, nested=("goal_reviews",))
            fail_unfinished(summary)
            summaries.append(summary)
            if not isinstance(record.get("goal_reviews", []), list):
                raise JournalFileError(f"{where}: goal_reviews must be a list of records.")
            reviews[summary.pk] = []
            for j, review_record in enumerate(record.get("goal_reviews", [])):
                review = build(
                    GoalReview,
                    review_record,
                    f"{where}: " + record_label("goal_reviews", j, review_record),
                    nested=POINT_LISTS,
                )
                # Points and citations are rows of their own, written after the review.
                review.file_points = {
                    name: review_record.get(name, []) for name in ("outputs", "outcomes")
                }
                review.file_context_entry_ids = review_record.get("context_entry_ids", [])
                reviews[summary.pk].append(review)
        weeks = [
            fail_unfinished(build(WeekSummary, record, record_label("week_summaries", i, record)))
            for i, record in enumerate(data.get("week_summaries", []))
        ]
        export = cls(profile, goals, entries, goal_links, summaries, reviews, weeks)
        export.check_references()
        return export

    @staticmethod
    def read_profile(user_record) -> dict:
        if not isinstance(user_record, dict):
            raise JournalFileError("user: must be an object.")
        fields = {name: user_record[name] for name in PROFILE_FIELDS if name in user_record}
        for name, value in fields.items():
            check_length(Profile._meta.get_field(name), value, f"user: {name}")
        zone = fields.get("time_zone")
        if zone is not None and (not isinstance(zone, str) or zone not in time_zones()):
            raise JournalFileError(
                "user: time_zone: "
                + _("%(zone)s is not a time zone Perf Assist knows.")
                % {"zone": printable(str(zone))}
            )
        try:
            Profile(**fields).full_clean(exclude=["user"], validate_unique=False)
        except ValidationError as error:
            raise JournalFileError(f"user: {describe(error)}") from None
        return fields

    def check_references(self):
        """Links must point at records of the file (or, on import, the user's own), and the
        summaries' cited points must have the shape the pages read."""
        self.goal_ids = {goal.pk for goal in self.goals}
        self.entry_ids = {entry.pk for entry in self.entries}
        reviews = [review for reviews in self.reviews.values() for review in reviews]
        for records, name in [
            (self.goals, "goals"),
            (self.entries, "entries"),
            (self.summaries, "summaries"),
            (reviews, "goal_reviews"),
            (self.weeks, "week_summaries"),
        ]:
            seen = Counter(record.pk for record in records)
            if repeated := [str(pk) for pk, n in seen.items() if n > 1]:
                raise JournalFileError(f"{name}: the id {repeated[0]} appears more than once.")
        slugs = Counter(goal.slug for goal in self.goals)
        if repeated := [slug for slug, n in slugs.items() if n > 1]:
            raise JournalFileError(f"goals: two goals have the tag #{repeated[0]}.")
        weeks = Counter(week.week_start for week in self.weeks)
        if repeated := [week for week, n in weeks.items() if n > 1]:
            raise JournalFileError(f"week_summaries: the week of {repeated[0]} appears twice.")
        for index, summary in enumerate(self.summaries):
            where = f"summaries[{index}] (id {summary.pk})"
            check_texts(summary.summary_unsupported, f"{where}: summary_unsupported")
            for name in ("sent_entry_ids", "excluded_entry_ids"):
                uuid_list(getattr(summary, name), f"{where}: {name}")
            for j, review in enumerate(self.reviews[summary.pk]):
                check_texts(
                    review.context_unsupported, f"{where}: goal_reviews[{j}]: context_unsupported"
                )
                for name, bullets in review.file_points.items():
                    check_bullets(bullets, f"{where}: goal_reviews[{j}]: {name}")
                uuid_list(
                    review.file_context_entry_ids, f"{where}: goal_reviews[{j}]: context_entry_ids"
                )
        for index, week in enumerate(self.weeks):
            check_bullets(week.bullets, f"week_summaries[{index}] (id {week.pk}): bullets")
        for index, entry in enumerate(self.entries):
            unknown = set(self.goal_links[entry.pk]) - self.goal_ids
            if unknown:
                raise JournalFileError(
                    f"entries[{index}] (id {entry.pk}): goals: {sorted(map(str, unknown))[0]} "
                    "is not a goal of the file."
                )

    def write(self, user) -> ImportReport:
        report = ImportReport(self.kind)
        was_empty = not (
            Entry.objects.filter(user=user).exists() or Goal.objects.filter(user=user).exists()
        )
        goal_map = self.write_goals(user, report)
        entry_map, created_days = self.write_entries(user, report)
        links = [
            Goal.entries.through(entry_id=entry_map[entry_id], goal_id=goal_map[goal_id])
            for entry_id, goal_ids in self.goal_links.items()
            for goal_id in goal_ids
        ]
        Goal.entries.through.objects.bulk_create(links, ignore_conflicts=True)
        self.write_summaries(user, report, goal_map)
        imported_weeks = self.write_weeks(user, report)
        # Weeks whose summaries this file did not bring now hold entries they never saw.
        mark_stale(user.pk, *(day for day in created_days if monday_of(day) not in imported_weeks))
        if was_empty and self.profile:
            Profile.objects.update_or_create(user=user, defaults=self.profile)
        return report

    @staticmethod
    def insert(instance, user, taken: set):
        """Insert as exported (timestamps kept, so a raw save); a new id only if another
        user's record holds this one."""
        if instance.pk in taken:
            instance.pk = uuid.uuid4()
        if hasattr(instance, "user_id"):
            instance.user = user
        instance.save_base(raw=True, force_insert=True)
        return instance.pk

    @staticmethod
    def taken_ids(model, user, ids) -> set:
        """Ids of the file that another user's records hold (asked in chunks: SQLite caps
        the parameters of one query)."""
        ids, taken = list(ids), set()
        for start in range(0, len(ids), 500):
            chunk = model.objects.filter(pk__in=ids[start : start + 500])
            if user is not None:
                chunk = chunk.exclude(user=user)
            taken |= set(chunk.values_list("pk", flat=True))
        return taken

    def write_goals(self, user, report) -> dict:
        own = {goal.pk: goal.slug for goal in Goal.objects.filter(user=user)}
        by_slug = {slug: pk for pk, slug in own.items()}
        taken = self.taken_ids(Goal, user, self.goal_ids - set(own))
        goal_map = {}
        for goal in self.goals:
            file_id = goal.pk
            if file_id in own or goal.slug in by_slug:
                goal_map[file_id] = file_id if file_id in own else by_slug[goal.slug]
                report.existing["goals"] += 1
                continue
            goal_map[file_id] = self.insert(goal, user, taken)
            by_slug[goal.slug] = goal_map[file_id]
            report.created["goals"] += 1
        return goal_map

    def write_entries(self, user, report):
        rows = list(Entry.objects.filter(user=user).values_list("pk", "date", "type", "text"))
        own = {pk for pk, *_content in rows}
        # The user's entries the file does not name by id, by content; one match each, so
        # two entries saying the same thing on one day both survive a round trip.
        by_content = defaultdict(list)
        for pk, *content in rows:
            if pk not in self.entry_ids:
                by_content[tuple(content)].append(pk)
        taken = self.taken_ids(Entry, user, self.entry_ids - own)
        entry_map, new = {}, []
        for entry in self.entries:
            same = by_content.get((entry.date, entry.type, entry.text))
            if entry.pk in own or same:
                entry_map[entry.pk] = entry.pk if entry.pk in own else same.pop(0)
                report.existing["entries"] += 1
                continue
            file_id = entry.pk
            if file_id in taken:
                entry.pk = uuid.uuid4()
            entry_map[file_id] = entry.pk
            new.append(entry)
        for entry in new:
            plan = entry.fulfils_plan_id
            entry.fulfils_plan_id = entry_map.get(plan, plan if plan in own else None)
            entry.search_text = normalize_for_search(entry.text)
            self.insert(entry, user, taken=set())
            report.created["entries"] += 1
        # Citations follow the entries to their ids here, and may point at the user's
        # entries only, nobody else's.
        self.citations = Citations(
            mapping={str(old): str(new) for old, new in entry_map.items()},
            citable={str(pk) for pk in own} | {str(pk) for pk in entry_map.values()},
        )
        return entry_map, {entry.date for entry in new}

    def write_summaries(self, user, report, goal_map):
        own = PerfSummary.objects.filter(user=user)
        known, known_runs = set(), set()
        for pk, *run in own.values_list("pk", "created_at", "period_start", "period_end"):
            known.add(pk)
            known_runs.add(tuple(run))
        taken = self.taken_ids(PerfSummary, user, {s.pk for s in self.summaries} - known)
        review_ids = [review.pk for reviews in self.reviews.values() for review in reviews]
        taken_reviews = self.taken_ids(GoalReview, None, review_ids)
        own_goals = set(Goal.objects.filter(user=user).values_list("pk", flat=True))
        for summary in self.summaries:
            reviews = self.reviews[summary.pk]
            if summary.pk in known or (
                (summary.created_at, summary.period_start, summary.period_end) in known_runs
            ):
                report.existing["perf summaries"] += 1
                continue
            summary.sent_entry_ids = self.citations.ids(summary.sent_entry_ids)
            summary.excluded_entry_ids = self.citations.ids(summary.excluded_entry_ids)
            summary_id = self.insert(summary, user, taken)
            report.unfinished += summary.came_unfinished
            for review in reviews:
                review.summary_id = summary_id
                goal = review.goal_id
                review.goal_id = goal_map.get(goal, goal if goal in own_goals else None)
                self.insert(review, user, taken_reviews)
                self.write_points(review)
            report.created["perf summaries"] += 1

    def write_points(self, review):
        """The review's points and citations, new ids for all: a point's id is not carried
        between databases (another user's review may hold it)."""
        points, citations = [], []
        for name, section in (("outputs", PointSection.OUTPUT), ("outcomes", PointSection.OUTCOME)):
            for position, item in enumerate(review.file_points[name]):
                cited = self.citations.ids(item["entry_ids"])
                point = ReviewPoint(
                    review=review,
                    section=section,
                    position=position,
                    text=item["text"],
                    locked=item.get("locked", False),
                    removed=item.get("removed", False),
                    unsupported=item.get("unsupported", []),
                    # An id of an entry the file does not bring counts as one deleted.
                    cited_count=max(
                        item.get("cited_count", 0),
                        len({uuid.UUID(str(pk)) for pk in item["entry_ids"]}),
                    ),
                )
                points.append(point)
                citations += point.cite(cited)
        ReviewPoint.objects.bulk_create(points)
        Citation.objects.bulk_create(citations)
        review.context_entries.set(self.citations.ids(review.file_context_entry_ids))

    def write_weeks(self, user, report) -> set:
        have, own = set(), set()
        for pk, week_start in WeekSummary.objects.filter(user=user).values_list("pk", "week_start"):
            have.add(week_start)
            own.add(pk)
        taken = self.taken_ids(
            WeekSummary, user, [week.pk for week in self.weeks if week.week_start not in have]
        )
        imported = set()
        for week in self.weeks:
            if week.week_start in have or week.pk in own:
                report.existing["weekly summaries"] += 1
                continue
            week.bullets = self.citations.bullets(week.bullets)
            self.insert(week, user, taken)
            report.unfinished += week.came_unfinished
            have.add(week.week_start)
            imported.add(week.week_start)
            report.created["weekly summaries"] += 1
        return imported


POINT_LISTS = ("outputs", "outcomes", "context_entry_ids")
POINT_KEYS = {"id", "text", "entry_ids", "unsupported", "locked", "removed", "cited_count"}


def check_texts(value, where: str):
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise JournalFileError(f"{where}: must be a list of texts.")


def is_proper_id(text: str) -> bool:
    """A UUID written as this app writes one (32 hex digits, or with hyphens): uuid.UUID
    would also take braces and a urn: prefix, which have no place in a URL."""
    try:
        parsed = uuid.UUID(text)
    except ValueError:
        return False
    return text.lower() in (parsed.hex, str(parsed))


def check_bullets(bullets, where: str):
    """A cited point: its text and the ids of the entries it cites."""
    if not isinstance(bullets, list):
        raise JournalFileError(f"{where}: must be a list of points.")
    for index, item in enumerate(bullets):
        if not isinstance(item, dict) or not all(
            isinstance(item.get(key), str) for key in ("id", "text")
        ):
            raise JournalFileError(
                f"{where}[{index}]: a point must be an object with its id and text."
            )
        if not is_proper_id(item["id"]):
            raise JournalFileError(
                _("%(where)s: id: “%(id)s” is not an id; an id is a UUID, such as %(example)s.")
                % {
                    "where": f"{where}[{index}]",
                    "id": printable(item["id"]),
                    "example": "0f8e4b6c3c1a4d2e9b7a5e6f7a8b9c0d",
                }
            )
        uuid_list(item.get("entry_ids"), f"{where}[{index}]: entry_ids")
        check_texts(item.get("unsupported", []), f"{where}[{index}]: unsupported")
        count = item.get("cited_count", 0)
        if type(count) is not int or not 0 <= count <= 10_000:
            raise JournalFileError(
                f"{where}[{index}]: cited_count must be a whole number from 0 to 10,000."
            )
        for flag in ("locked", "removed"):
            if not isinstance(item.get(flag, False), bool):
                raise JournalFileError(f"{where}[{index}]: {flag} must be true or false.")
        if unknown := set(item) - POINT_KEYS:
            raise JournalFileError(
                f"{where}[{index}]: unknown fields {', '.join(sorted(unknown))}."
            )


@dataclasses.dataclass
class Citations:
    """Entry ids as summaries store them (text), pointing at the entries as imported; an
    id of no entry of this user is dropped."""

    mapping: dict
    citable: set

    def ids(self, ids) -> list:
        normal = (str(uuid.UUID(str(item))) for item in ids)  # checked on reading
        remapped = (self.mapping.get(pk, pk) for pk in normal)
        return [pk for pk in remapped if pk in self.citable]

    def bullets(self, bullets) -> list:
        return [{**item, "entry_ids": self.ids(item["entry_ids"])} for item in bullets]
