"""A file's fault as one sentence that names where it is: pydantic finds every fault of a
file, and the importer reports the first, by its record (`entries[3] (id …): date: …`)
or by its note and line (`Daily/2026-03-05.md, line 3: …`)."""

import uuid

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from pydantic import ValidationError

from .values import FILE, NAMED, OF_RECORD, RECORD, blank_message, null_message, too_long

# Fields checked once every record had been read, and named as such: the summary by its
# id as read, its goal reviews and points by their place only.
LATER = {
    "summary_unsupported",
    "sent_entry_ids",
    "excluded_entry_ids",
    "context_unsupported",
    "context_entry_ids",
    "outputs",
    "outcomes",
    "answers",
    "bullets",
}
POINTS = {"outputs", "outcomes", "answers", "bullets"}
TYPES = {
    "string_type": gettext_lazy("must be a text (a JSON string)."),
    "bool_type": gettext_lazy("must be true or false."),
    "int_type": gettext_lazy("must be a whole number."),
}


def our_fault(error: ValidationError, data: dict) -> str:
    """The first fault of a Perf Assist export, in the order the checks were always made:
    the lists themselves, then record by record, then what records cite."""
    errors = error.errors(include_url=False)
    errors.sort(key=stage)
    first = errors[0]
    # In a record, its unknown fields are told first, then a missing id.
    same = [e for e in errors if stage(e) == stage(first) and record_of(e) == record_of(first)]
    first = min(same, key=rank)
    return fault(first, errors, lambda loc: label(loc, data, later=stage(first) == 2))


def jrnl_fault(error: ValidationError) -> str:
    first = error.errors(include_url=False)[0]
    if first["type"] in ("model_type", "dict_type") and len(first["loc"]) == 2:
        return _("%(where)s: an entry must be an object.") % {"where": label(first["loc"])}
    return fault(first, [first], label)


def note_fault(error: ValidationError, note: dict) -> str:
    """A daily note's fault, by the note's name and, for an entry, the line it starts on."""
    first = error.errors(include_url=False)[0]

    def where(loc):
        if loc[:1] == ("entries",):
            line = note["entries"][loc[1]]["line"]
            return _("%(name)s, line %(line)d") % {"name": note["name"], "line": line}
        return note["name"]

    if first["loc"] in ((), ("day",)):
        return f"{where(())}: {first['msg']}"
    return fault(first, [first], where)


def fault(error, errors, where) -> str:
    kind, loc, message = error["type"], error["loc"], error["msg"]
    if kind == FILE:
        return message
    if kind == RECORD:
        return f"{where(loc)}: {message}"
    if kind == OF_RECORD:
        return f"{where(loc[:-1])}: {message}"
    if kind == NAMED:
        return f"{where(loc[:-1])}: {loc[-1]} {message}"
    if kind == "point_id":
        return _("%(where)s: id: “%(id)s” is not an id; an id is a UUID, such as %(example)s.") % {
            "where": where(loc[:-1]),
            "id": message,
            "example": "0f8e4b6c3c1a4d2e9b7a5e6f7a8b9c0d",
        }
    if kind == "extra_forbidden":
        unknown = sorted(str(e["loc"][-1]) for e in errors if e["loc"][:-1] == loc[:-1])
        return _("%(where)s: unknown fields %(fields)s.") % {
            "where": where(loc[:-1]),
            "fields": ", ".join(unknown),
        }
    if kind in ("model_type", "dict_type"):
        if loc == ("user",):
            return _("user: must be an object.")
        return _("%(where)s: a record must be an object.") % {"where": where(loc)}
    if kind == "list_type" and len(loc) == 1:
        return _("%(list)s: must be a list of records.") % {"list": loc[0]}
    if kind == "list_type" and loc[-1] == "goal_reviews":
        return _("%(where)s: goal_reviews must be a list of records.") % {"where": where(loc[:-1])}
    return f"{where(loc[:-1])}: {loc[-1]}: {reason(error)}"


def reason(error) -> str:
    """Why a field's value is refused, said as Django's model fields say it."""
    kind, value, context = error["type"], error["input"], error.get("ctx", {})
    if kind == "bool_type" and value is None:
        return models.BooleanField.default_error_messages["invalid"] % {"value": value}
    if kind in TYPES:
        return null_message() if value is None else str(TYPES[kind])
    if kind == "string_too_long":
        return too_long(context["max_length"], value)
    if kind == "string_too_short" or (kind == "literal_error" and value == ""):
        return blank_message()
    if kind == "literal_error":
        return models.Field.default_error_messages["invalid_choice"] % {"value": value}
    if kind == "greater_than_equal":
        limit = context["ge"]
        return MinValueValidator(limit).message % {"limit_value": limit}
    return error["msg"]


def label(loc, data=None, *, later=False) -> str:
    """A record by its list, place and id, as `entries[12] (id …)`, and what is within it."""
    parts, value = [], data
    steps = list(loc)
    while steps:
        name = steps.pop(0)
        value = value.get(name) if isinstance(value, dict) else None
        if steps and isinstance(steps[0], int):
            index = steps.pop(0)
            value = value[index] if isinstance(value, list) and index < len(value) else None
            parts.append(f"{name}[{index}]{id_shown(name, value, later)}")
        else:
            parts.append(str(name))
    return ": ".join(parts)


def id_shown(name, record, later) -> str:
    record_id = record.get("id") if isinstance(record, dict) else None
    if not record_id or name in POINTS:
        return ""
    if later:
        if name not in ("summaries", "week_summaries"):
            return ""
        try:
            return f" (id {uuid.UUID(record_id)})"
        except (TypeError, ValueError, AttributeError):
            pass
    return f" (id {record_id})"


def stage(error) -> int:
    """0: a list of the file is no list; 1: a record's own fields; 2: what it cites."""
    loc = error["loc"]
    if len(loc) == 1 and error["type"] == "list_type":
        return 0
    return 2 if LATER & {step for step in loc if isinstance(step, str)} else 1


def record_of(error) -> tuple:
    loc = error["loc"]
    last = max((i for i, step in enumerate(loc) if isinstance(step, int)), default=0)
    return loc[: last + 1]


def rank(error) -> int:
    if error["type"] == "extra_forbidden" and not POINTS & set(error["loc"]):
        return 0
    if error["type"] == OF_RECORD and error["loc"][-1] == "id":
        return 1
    return 2
