"""The import format as pydantic models: our own export (its records as the models store
them, with their ids and timestamps), the JSON of `jrnl --export json`, and a daily note.

A record's fields are those `export.record_fields` carries, under the same names; a link
to another record (`fulfils_plan`, `goal`) is read into its column (`fulfils_plan_id`).
Fields the file leaves out are left unset, so that the model's own default fills them.
"""

import datetime
import uuid
from collections import Counter
from typing import Annotated

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, TypeAdapter, model_validator

from journal.models import EntryType, Role

from ..form_model import validate_questions
from ..models import GoalStatus, PerfSummary, SummaryLanguage, SummaryStatus
from .export import READS
from .values import (
    FILE,
    RECORD,
    CitedCount,
    Count,
    Day,
    Flag,
    Id,
    JrnlDay,
    JrnlText,
    LooseIds,
    Moment,
    PlainText,
    PointFlag,
    PointId,
    RecordId,
    Slug,
    Texts,
    TimeZone,
    WeekStart,
    a_list,
    choice,
    django_message,
    kept_day,
    plain_text_problem,
    problem,
    text_type,
)


def needed(default):
    """A field the model has no default for: left out, its blank or null value is refused."""
    return Field(default, validate_default=True)


def link(column: str):
    return Field(None, alias=column.removesuffix("_id"))


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


# --- Our export ---


class Owner(BaseModel):
    """The `user` of the file: the profile it restores (its username is not read)."""

    model_config = ConfigDict(extra="ignore")

    role: choice(Role.values, 16) = None
    language: choice(["", *(code for code, _name in settings.LANGUAGES)], 8) = None
    time_zone: TimeZone = None
    guidance: text_type(2000, shown=True) = None


class Point(Record):
    """An output or outcome of a goal review, or a point of a weekly summary."""

    id: PointId
    text: str
    entry_ids: LooseIds = needed(None)
    unsupported: Texts = []
    locked: PointFlag = False
    removed: PointFlag = False
    cited_count: CitedCount = 0

    @model_validator(mode="before")
    @classmethod
    def has_id_and_text(cls, data):
        if not isinstance(data, dict) or not all(
            isinstance(data.get(key), str) for key in ("id", "text")
        ):
            raise problem(_("a point must be an object with its id and text."), RECORD)
        return data


Points = Annotated[list[Point], a_list(gettext_lazy("must be a list of points."))]


class GoalRecord(Record):
    id: RecordId = needed(None)
    title: text_type(200, blank=False, shown=True) = needed("")
    slug: Slug = needed("")
    description: text_type() = None
    status: choice(GoalStatus.values, 8) = None
    created_at: Moment | None = None
    archived_at: Moment | None = None


class EntryRecord(Record):
    id: RecordId = needed(None)
    date: Day = needed(None)
    type: choice(EntryType.values, 8) = needed("")
    text: text_type(10_000, blank=False, shown=True) = needed("")
    fulfils_plan_id: Id | None = link("fulfils_plan_id")
    created_at: Moment | None = None
    updated_at: Moment | None = None
    # Not a field of the entry: the goals it is linked to.
    goals: LooseIds = []


class RunRecord(Record):
    """What perf summaries and weekly summaries share: their run and what wrote them."""

    status: choice(SummaryStatus.values, 8) = None
    error: text_type() = None
    started_at: Moment | None = None
    heartbeat_at: Moment | None = None
    finished_at: Moment | None = None
    is_ai: Flag = None
    provider: text_type(32) = None
    model: text_type(100) = None
    prompt_version: text_type(40) = None
    input_tokens: Count = None
    output_tokens: Count = None
    ungrounded_count: Count = None


def form_questions(value):
    """A summary's copy of its form's questions, checked as a form's are; none: the seed's
    Context / Outputs / Outcomes."""
    if value:
        try:
            return validate_questions(value)
        except DjangoValidationError as error:
            raise problem(django_message(error)) from None
    return value


FormQuestions = Annotated[
    list, a_list(gettext_lazy("must be a list of questions.")), AfterValidator(form_questions)
]


class ReviewRecord(Record):
    id: RecordId = needed(None)
    goal_id: Id | None = link("goal_id")
    title: text_type(200, blank=False) = needed("")
    title_locked: Flag = None
    context: text_type() = None
    context_unsupported: Texts = None
    context_locked: Flag = None
    position: Count = None
    limit: Count | None = None
    cut_to_limit: Flag = None
    # Rows of their own, written after the review.
    context_entry_ids: LooseIds = []
    outputs: Points = []
    outcomes: Points = []
    answers: Points = []


class SummaryRecord(RunRecord):
    id: RecordId = needed(None)
    period_start: Day = needed(None)
    period_end: Day = needed(None)
    role: choice(Role.values, 16) = needed("")
    language: choice(SummaryLanguage.values, 8) = needed("")
    summary_text: text_type() = None
    summary_unsupported: Texts = None
    summary_text_locked: Flag = None
    rewriting_review_id: Id | None = None
    weeks_used: Count = None
    weeks_reused: Count = None
    llm_calls: Count = None
    sent_entry_ids: LooseIds = None
    excluded_entry_ids: LooseIds = None
    form_key: text_type(40) = None
    form_name: text_type(200) = None
    form_questions: FormQuestions = None
    created_at: Moment | None = None
    goal_reviews: list[ReviewRecord] = []

    @model_validator(mode="after")
    def period_in_order(self):
        if self.period_end < self.period_start:
            (constraint,) = (
                c for c in PerfSummary._meta.constraints if c.name == "summary_period_in_order"
            )
            raise problem(constraint.get_violation_error_message(), RECORD)
        return self


class WeekRecord(RunRecord):
    id: RecordId = needed(None)
    week_start: WeekStart = needed(None)
    role: choice(Role.values, 16) = needed("")
    language: choice(SummaryLanguage.values, 8) = needed("")
    bullets: Points = None
    fingerprint: text_type(64) = None
    stale: Flag = None
    created_at: Moment | None = None


class FormRecord(Record):
    """A review form of the user's own (the built-ins are the app's, never exported)."""

    id: RecordId = needed(None)
    name: text_type(200, blank=False, shown=True) = needed("")
    questions: FormQuestions = needed(None)
    position: Count = None
    created_at: Moment | None = None
    updated_at: Moment | None = None

    @model_validator(mode="after")
    def has_questions(self):
        if not self.questions:
            raise problem(_("A form needs at least one question."), RECORD)
        return self


class OurFile(BaseModel):
    """A Perf Assist export, of a version this app reads. Its records link to each other
    by id: each id once, and each goal an entry links to one of the file."""

    model_config = ConfigDict(extra="ignore")

    user: Owner = Owner()
    goals: list[GoalRecord] = []
    entries: list[EntryRecord] = []
    summaries: list[SummaryRecord] = []
    week_summaries: list[WeekRecord] = []
    review_forms: list[FormRecord] = []

    @model_validator(mode="before")
    @classmethod
    def readable_version(cls, data):
        version = data.get("version")
        if type(version) is not int or version not in READS:  # true == 1 in Python
            raise problem(
                _(
                    "version: this Perf Assist reads versions %(first)d to %(last)d of its "
                    "export, the file is version %(version)s."
                )
                % {"first": READS[0], "last": READS[-1], "version": repr(version)},
                FILE,
            )
        return data

    @model_validator(mode="after")
    def links_hold(self):
        reviews = [review for summary in self.summaries for review in summary.goal_reviews]
        for records, name in [
            (self.goals, "goals"),
            (self.entries, "entries"),
            (self.summaries, "summaries"),
            (reviews, "goal_reviews"),
            (self.week_summaries, "week_summaries"),
            (self.review_forms, "review_forms"),
        ]:
            if repeated := twice(record.id for record in records):
                raise problem(
                    _("%(list)s: the id %(id)s appears more than once.")
                    % {"list": name, "id": repeated},
                    FILE,
                )
        if repeated := twice(form.name.casefold() for form in self.review_forms):
            raise problem(
                _("review_forms: two forms are named %(name)s.") % {"name": repeated}, FILE
            )
        if repeated := twice(goal.slug for goal in self.goals):
            raise problem(_("goals: two goals have the tag #%(tag)s.") % {"tag": repeated}, FILE)
        if repeated := twice(week.week_start for week in self.week_summaries):
            raise problem(
                _("week_summaries: the week of %(week)s appears twice.") % {"week": repeated}, FILE
            )
        goal_ids = {goal.id for goal in self.goals}
        for index, entry in enumerate(self.entries):
            if unknown := {uuid.UUID(str(goal)) for goal in entry.goals} - goal_ids:
                raise problem(
                    _("entries[%(index)d] (id %(id)s): goals: %(goal)s is not a goal of the file.")
                    % {"index": index, "id": entry.id, "goal": sorted(map(str, unknown))[0]},
                    FILE,
                )
        return self


def twice(values):
    """The first value that appears more than once, if any."""
    return next((value for value, n in Counter(values).items() if n > 1), None)


# --- jrnl ---


class JrnlEntry(BaseModel):
    """One entry of `jrnl --export json`: its title and body become one fact of its day."""

    model_config = ConfigDict(extra="ignore")

    title: JrnlText = ""
    body: JrnlText = ""
    date: JrnlDay = needed(None)

    @model_validator(mode="after")
    def has_text(self):
        if not self.text:
            raise problem(_("the entry has no text."), RECORD)
        if found := plain_text_problem(self.text):
            raise problem(found, RECORD)
        return self

    @property
    def text(self) -> str:
        # jrnl splits an entry into its first sentence and the rest; the rest holds a line
        # break only when the entry had lines of its own.
        title, body = self.title.strip(), self.body.strip()
        joint = "\n" if "\n" in body else " "
        return joint.join(part for part in (title, body) if part)


class JrnlFile(BaseModel):
    model_config = ConfigDict(extra="ignore")

    entries: list[JrnlEntry]


# --- A daily note ---


class NoteLine(BaseModel):
    """An entry of a daily note, and the line of the note it starts on."""

    type: choice(EntryType.values, 8)
    text: PlainText
    line: int


NoteDay = Annotated[datetime.date, Field(strict=True), AfterValidator(kept_day)]
# Checked first on its own, by the note's name: a day the journal cannot keep is refused
# before its note is read.
NOTE_DAY = TypeAdapter(NoteDay)


class DailyNote(BaseModel):
    name: str  # its path in the folder
    day: NoteDay
    entries: list[NoteLine]
