"""The LLM layer's data: what goes in (plain entries and goals, no ORM) and what comes out.

`DraftSummary` is the JSON schema the model must answer in; `SummaryResult` is what the
layer returns after dropping invented references and checking every claim.
"""

import datetime
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Role = Literal["engineer", "manager"]
Language = Literal["ru", "en"]

# "#billing" in an entry links it to the user's goal tagged billing.
GOAL_TAG = re.compile(r"#([\w-]+)")


class Evidence(BaseModel):
    """An entry a line of the prompt stands for, as the honesty check reads it."""

    text: str
    date: datetime.date


class EntryData(BaseModel):
    """One journal entry as sent to the model; `ref` is a short per-request id like E12."""

    ref: str
    date: datetime.date
    type: Literal["plan", "fact"]
    text: str
    goal_refs: list[str] = []  # G-references of the goals the entry is linked to
    # Not sent: the entries this line stands for, for the honesty check (a weekly
    # summary's point stands for the entries it cites). A factory, not a default to copy:
    # pydantic deep-copies a mutable default, 3 ms of the 3,000 entries of a half-year.
    evidence: list[Evidence] = Field(default_factory=list)


class GoalData(BaseModel):
    ref: str  # G1, G2… per request
    title: str
    tag: str = ""  # written as #tag in entries
    description: str = ""


class KeptPoint(BaseModel):
    """A point the user edited: it stays in the review as written, so the model must not
    write it again."""

    section: str  # the title of its goal or project
    kind: Literal["output", "outcome", "answer"]
    text: str
    refs: list[str] = []


class QuestionData(BaseModel):
    """One question of a review form, as the layer answers it."""

    ref: str  # Q1, Q2… in the form's order
    text: str
    guidance: str = ""
    limit: int | None = None  # characters of the answer's text (form_answers.answer_text)


class SummaryRequest(BaseModel):
    period_start: datetime.date
    period_end: datetime.date
    role: Role
    language: Language
    entries: list[EntryData]
    goals: list[GoalData] = []
    guidance: str = ""  # the user's own instructions from their profile
    kept: list[KeptPoint] = []
    removed: list[KeptPoint] = []  # points the user took out: not to be written again
    focus: str = ""  # when set, rewrite only the section with this title
    # A review form's questions: generate_answers answers them; empty: the seed's C/O/O.
    questions: list[QuestionData] = []


# --- What the model answers (validated against this schema) ---


class DraftBullet(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(description="One output or outcome, in the summary's language.")
    refs: list[str] = Field(description="References like E3 of the entries this claim rests on.")


# The order of the fields is the order the model writes in: the evidence first (outputs,
# outcomes), then what is drawn from it (context, the narrative last).
class DraftGoal(BaseModel):
    model_config = ConfigDict(extra="forbid")

    goal_ref: str | None = Field(
        description="G-reference of the user's goal this maps to, or null for a proposed new goal."
    )
    title: str
    outputs: list[DraftBullet]
    outcomes: list[DraftBullet]
    context_refs: list[str] = Field(
        description="References like E3 of the entries the context rests on."
    )
    context: str


class DraftSummary(BaseModel):
    model_config = ConfigDict(extra="forbid")

    goals: list[DraftGoal]
    summary_text: str


class DraftWeek(BaseModel):
    model_config = ConfigDict(extra="forbid")

    bullets: list[DraftBullet] = Field(description="3 to 6 points on the week's work.")


class DraftAnswer(BaseModel):
    model_config = ConfigDict(extra="forbid")

    question_ref: str = Field(description="Q-reference of the question this answers.")
    points: list[DraftBullet] = Field(
        description="The answer's points, each citing its facts; empty when no entry speaks "
        "to the question."
    )


class DraftForm(BaseModel):
    model_config = ConfigDict(extra="forbid")

    answers: list[DraftAnswer]


class PolishRequest(BaseModel):
    text: str
    role: Role
    language: Language  # of the user interface; the rewrite keeps the text's own language
    kind: Literal["entry", "point"] = "entry"


class DraftPolish(BaseModel):
    model_config = ConfigDict(extra="forbid")

    rewrite: str = Field(description="The rewritten text, in the language of the original.")


# --- What the layer returns ---


class Bullet(BaseModel):
    text: str
    entry_refs: list[str]
    # What the claim states that its cited entries do not: each item as the claim writes
    # it ("40 ms", "Platform team"), so that the page can mark it in the text.
    unsupported: list[str] = []


class GoalSummary(BaseModel):
    goal_ref: str | None
    title: str
    context: str
    context_refs: list[str] = []  # the entries the context rests on
    context_unsupported: list[str] = []
    outputs: list[Bullet]
    outcomes: list[Bullet]


class Run(BaseModel):
    """Who answered, and at what cost: every result of the layer carries it."""

    provider: str
    model: str
    input_tokens: int = 0
    output_tokens: int = 0
    is_ai: bool = True


class Written(Run):
    """A result whose points cite entries (a summary, a week)."""

    prompt_version: str
    ungrounded_count: int = 0  # bullets dropped for citing no entry that was sent


class SummaryResult(Written):
    summary_text: str
    summary_unsupported: list[str] = []
    goals: list[GoalSummary]


class WeekResult(Written):
    bullets: list[Bullet]


class PolishResult(Run):
    original: str
    rewrite: str


class AnswerResult(BaseModel):
    """One question's answer: points grounded like a goal's outputs; none: no evidence."""

    question_ref: str
    points: list[Bullet]
    shortened: bool = False  # it was over its limit, and the model was asked once to shorten it
    cut: bool = False  # still over, so the layer cut it at a sentence boundary


class FormResult(Written):
    answers: list[AnswerResult]  # one per request.questions, in order
    llm_calls: int = 1  # 2 when answers were sent back to be shortened; 0 offline
