"""Goals and perf summaries over the JSON API."""

import datetime
import re
import threading
import time
import uuid
from typing import Literal

from django.conf import settings
from django.db import models, transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.errors import ValidationError
from pydantic import ConfigDict

from journal.api import Error, IsoDate, answers, field_errors, invalid
from journal.models import Entry
from journal.services import get_profile

from .forms import GoalForm
from .models import Goal, GoalReview, PerfSummary, SummaryStatus
from .review_forms import find_form
from .services.goals import set_archived
from .services.shown import summary_as_dict, with_points
from .services.summaries import (
    SummaryInputError,
    create_summary,
    review_language,
    validate_period,
)
from .tasks import start_summary

router = Router()

GoalStatus = Literal["active", "done", "dropped"]
MAX_WAIT = 120  # seconds a client may ask to wait for a summary (Prefer: wait=N)


class GoalIn(Schema):
    model_config = ConfigDict(extra="forbid")

    title: str = Field(min_length=1, max_length=200)
    tag: str | None = Field(
        default=None,
        max_length=61,
        description="Written as #tag in entries; from the title when empty.",
    )
    description: str = Field(default="", max_length=5000)
    status: GoalStatus = "active"


class GoalPatch(Schema):
    model_config = ConfigDict(extra="forbid")

    title: str | None = Field(default=None, min_length=1, max_length=200)
    tag: str | None = Field(default=None, max_length=61)
    description: str | None = Field(default=None, max_length=5000)
    status: GoalStatus | None = None
    archived: bool | None = Field(
        default=None,
        description="Archived goals are not offered for new entries nor linked by #tags; "
        "the entries linked to them keep them.",
    )


class GoalOut(Schema):
    id: uuid.UUID
    title: str
    tag: str
    description: str
    status: GoalStatus
    archived: bool
    created_at: datetime.datetime


def goal_out(goal) -> dict:
    return {
        "id": goal.pk,
        "title": goal.title,
        "tag": goal.slug,
        "description": goal.description,
        "status": goal.status,
        "archived": goal.archived_at is not None,
        "created_at": goal.created_at,
    }


def save_goal(request, data: dict, instance=None):
    form = GoalForm(data, instance=instance, user=request.user)
    if not form.is_valid():
        errors = field_errors(form)
        for error in errors:
            error["loc"] = ["body", "tag" if error["loc"][1] == "slug" else error["loc"][1]]
        raise ValidationError(errors)
    return form.save()


@router.get("/goals", response=answers({200: list[GoalOut]}), tags=["goals"], summary="List goals")
def list_goals(request):
    return [goal_out(goal) for goal in Goal.objects.filter(user=request.user)]


@router.post(
    "/goals", response=answers({201: GoalOut}, write=True), tags=["goals"], summary="Add a goal"
)
def create_goal(request, payload: GoalIn):
    data = {**payload.model_dump(exclude={"tag"}), "slug": payload.tag or ""}
    return Status(201, goal_out(save_goal(request, data)))


@router.get(
    "/goals/{goal_id}",
    response=answers({200: GoalOut, 404: Error}),
    tags=["goals"],
    summary="A goal",
)
def get_goal(request, goal_id: uuid.UUID):
    return goal_out(get_object_or_404(Goal, pk=goal_id, user=request.user))


@router.patch(
    "/goals/{goal_id}",
    response=answers({200: GoalOut, 404: Error}, write=True),
    tags=["goals"],
    summary="Edit a goal",
)
def update_goal(request, goal_id: uuid.UUID, payload: GoalPatch):
    goal = get_object_or_404(Goal, pk=goal_id, user=request.user)
    changes = payload.model_dump(exclude_unset=True)
    archived = changes.pop("archived", "unset")
    if None in (changes.get("title", ""), changes.get("status", ""), archived):
        raise ValidationError(
            [
                {
                    "loc": ["body", name],
                    "msg": _("This field cannot be null."),
                    "type": "value_error",
                }
                for name, value in {**changes, "archived": archived}.items()
                if name in ("title", "status", "archived") and value is None
            ]
        )
    data = {
        "title": goal.title,
        "slug": goal.slug,
        "description": goal.description,
        "status": goal.status,
    }
    if "tag" in changes:
        data["slug"] = changes.pop("tag") or ""
    data.update({name: value if value is not None else "" for name, value in changes.items()})
    with transaction.atomic():
        goal = save_goal(request, data, instance=goal)
        if archived in (True, False) and archived != (goal.archived_at is not None):
            set_archived(goal, archived)
    return goal_out(goal)


@router.delete(
    "/goals/{goal_id}",
    response=answers({204: None, 404: Error}, write=True),
    tags=["goals"],
    summary="Delete a goal",
)
def delete_goal(request, goal_id: uuid.UUID):
    get_object_or_404(Goal, pk=goal_id, user=request.user).delete()
    return Status(204, None)


# --- Perf summaries ---


class SummaryIn(Schema):
    model_config = ConfigDict(extra="forbid")

    period_start: IsoDate
    period_end: IsoDate
    role: Literal["engineer", "manager"] | None = Field(
        default=None, description="Default: the profile's."
    )
    language: Literal["ru", "en"] | None = Field(
        default=None, description="Default: the profile's."
    )
    exclude_entry_ids: list[uuid.UUID] = Field(default=[], max_length=10_000)
    form_id: str | None = Field(
        default=None,
        max_length=40,
        description="A review form to answer (GET /api/forms): a built-in's id or one of "
        "yours. Default: the seed's context, outputs and outcomes per goal.",
    )


class SummaryStarted(Schema):
    id: uuid.UUID
    status: Literal["pending", "running", "done", "failed"]


class PointOut(Schema):
    text: str
    entry_ids: list[uuid.UUID]
    unsupported: list[str] = Field(
        description="What the point states that its cited entries do not support, as written."
    )
    cited_entries_deleted: int = Field(description="Cited entries deleted since it was written.")


class GoalReviewOut(Schema):
    id: uuid.UUID
    title: str
    context: str
    context_unsupported: list[str]
    outputs: list[PointOut]
    outcomes: list[PointOut]


class AnswerPointOut(Schema):
    text: str
    entry_ids: list[uuid.UUID]
    unsupported: list[str]


class AnswerOut(Schema):
    question: str
    limit: int | None = Field(description="Its character limit, if the form sets one.")
    characters: int = Field(description="The characters of `text`, which the limit counts.")
    text: str = Field(description="The answer to paste: its points, one per line.")
    cut_to_limit: bool = Field(description="Whether it was cut at a sentence to fit.")
    points: list[AnswerPointOut]


class FormRef(Schema):
    id: str
    name: str


class SummaryOut(Schema):
    id: uuid.UUID
    status: Literal["pending", "running", "done", "failed"]
    # Plain dates: one kept before the supported range was enforced is still shown.
    period_start: datetime.date
    period_end: datetime.date
    role: str
    language: str
    created_at: datetime.datetime
    error: str = Field(description="Why it failed; empty otherwise.")
    summary_text: str | None = Field(description="The narrative, once done.")
    summary_unsupported: list[str] | None = Field(
        description="What the narrative states that the entries the review cites do not support."
    )
    goals: list[GoalReviewOut] | None = Field(description="Its goals, once done.")
    form: FormRef | None = Field(default=None, description="The form it answers, if any.")
    answers: list[AnswerOut] | None = Field(
        default=None, description="Written for a form: one answer per question, once done."
    )
    provider: str
    model: str
    input_tokens: int
    output_tokens: int


def summary_out(summary: PerfSummary, reviews=None) -> dict:
    done = summary.status == SummaryStatus.DONE
    body = (
        summary_as_dict(summary, reviews)
        if done
        else {"summary_text": None, "summary_unsupported": None, "goals": None}
    )
    if summary.form_questions:
        body.setdefault("form", {"id": summary.form_key, "name": summary.form_name})
        body.setdefault("answers", None)
    return {
        **body,
        "id": summary.pk,
        "status": summary.status,
        "period_start": summary.period_start,
        "period_end": summary.period_end,
        "role": summary.role,
        "language": summary.language,
        "created_at": summary.created_at,
        "error": summary.error,
        "provider": summary.provider,
        "model": summary.model,
        "input_tokens": summary.input_tokens,
        "output_tokens": summary.output_tokens,
    }


def requested_wait(request) -> int:
    """Seconds of `Prefer: wait=N` (RFC 7240), at most MAX_WAIT; 0 without it."""
    match = re.search(r"\bwait\s*=\s*(\d+)", request.headers.get("Prefer", ""))
    return min(int(match[1]), MAX_WAIT) if match else 0


@router.post(
    "/perf/summary",
    response=answers({200: SummaryOut, 202: SummaryStarted}, write=True),
    tags=["perf summaries"],
    summary="Start a perf summary",
)
def start_perf_summary(request, payload: SummaryIn, response: HttpResponse):
    """Queue a summary of the period for the worker: 202 with its id and a Location to poll.
    With `Prefer: wait=N` (N up to 120) it waits for the worker, and answers 200 with the
    whole summary when it is done in time, or with its error when it failed."""
    try:
        validate_period(payload.period_start, payload.period_end)
    except SummaryInputError as error:
        raise invalid("body", "period_end", error) from None
    excluded = set(payload.exclude_entry_ids)
    if len(excluded) != Entry.objects.filter(user=request.user, pk__in=excluded).count():
        raise invalid(
            "body", "exclude_entry_ids", _("One of the entries to leave out is not yours.")
        )
    form = None
    if payload.form_id is not None:
        form = find_form(
            request.user,
            payload.form_id,
            review_language(request.user, payload.language),
            payload.role or get_profile(request.user).role,
        )
        if form is None:
            raise invalid("body", "form_id", _("There is no review form of yours with this id."))
    try:
        summary = create_summary(
            request.user,
            start=payload.period_start,
            end=payload.period_end,
            role=payload.role,
            language=payload.language,
            exclude_entry_ids=sorted(excluded, key=str),
            form=form,
        )
    except SummaryInputError as error:  # a period without a fact
        raise invalid("body", "period_end", error) from None
    start_summary(summary)
    summary = wait_for_summary(summary, requested_wait(request))
    if summary.status in FINISHED:
        return Status(200, summary_out(summary))
    response["Location"] = reverse("api:get_summary", args=[summary.pk])
    return Status(202, {"id": summary.pk, "status": summary.status})


FINISHED = (SummaryStatus.DONE, SummaryStatus.FAILED)


# A waiting request holds one of its process's threads: at most all but one of them wait
# at once, so that /healthz and the pages always find a free one (bench/waits.py). A
# request beyond that answers at once, as without Prefer: wait (RFC 7240 lets it).
WAITING = threading.BoundedSemaphore(settings.API_WAITS_PER_PROCESS)


def wait_for_summary(summary: PerfSummary, seconds: float) -> PerfSummary:
    """The summary once the worker has finished it (done or failed), or as it is after
    `seconds`: what `Prefer: wait` waits for, when a thread is free to wait."""
    if seconds <= 0 or not WAITING.acquire(blocking=False):
        return summary
    try:
        deadline = time.monotonic() + seconds
        while summary.status not in FINISHED and time.monotonic() < deadline:
            time.sleep(0.25)
            summary.refresh_from_db()
    finally:
        WAITING.release()
    return summary


@router.get(
    "/perf/summaries",
    response=answers({200: list[SummaryOut]}),
    tags=["perf summaries"],
    summary="List summaries",
)
def list_summaries(request):
    summaries = PerfSummary.objects.filter(user=request.user).prefetch_related(
        models.Prefetch("goal_reviews", queryset=with_points(GoalReview.objects.all()))
    )
    return [summary_out(summary, summary.goal_reviews.all()) for summary in summaries[:100]]


@router.get(
    "/perf/summaries/{summary_id}",
    response=answers({200: SummaryOut, 404: Error}),
    tags=["perf summaries"],
    summary="A perf summary",
)
def get_summary(request, summary_id: uuid.UUID):
    return summary_out(get_object_or_404(PerfSummary, pk=summary_id, user=request.user))
