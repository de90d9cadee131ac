"""Review forms over the JSON API: the built-ins (read-only) and the user's own."""

import datetime
from typing import Literal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import ConfigDict

from journal.api import Error, answers, invalid

from .form_model import (
    MAX_GUIDANCE_LENGTH,
    MAX_QUESTION_LENGTH,
    MAX_QUESTIONS,
    ReviewForm,
    validate_questions,
    validate_storable,
)
from .review_forms import (
    FormChoice,
    NameTaken,
    create_form,
    find_form,
    forms_for,
    name_taken,
    update_form,
    user_form,
)
from .services.summaries import review_language

router = Router(tags=["review forms"])
NAME_LENGTH = ReviewForm._meta.get_field("name").max_length


class QuestionIn(Schema):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, max_length=MAX_QUESTION_LENGTH)
    guidance: str = Field(default="", max_length=MAX_GUIDANCE_LENGTH)
    limit: int | None = Field(
        default=None, strict=True, description="Characters an answer may have: 100 to 20000."
    )


class FormIn(Schema):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=NAME_LENGTH)
    questions: list[QuestionIn] = Field(min_length=1, max_length=MAX_QUESTIONS)


class FormPatch(Schema):
    model_config = ConfigDict(extra="forbid")

    name: str | None = Field(default=None, min_length=1, max_length=NAME_LENGTH)
    questions: list[QuestionIn] | None = Field(default=None, min_length=1, max_length=MAX_QUESTIONS)


class QuestionOut(Schema):
    text: str
    guidance: str
    limit: int | None


class FormOut(Schema):
    id: str = Field(description="A built-in's key (coo, self-review, promotion) or a form's id.")
    name: str
    builtin: bool
    questions: list[QuestionOut] = Field(
        description="Empty for the C/O/O form: the summary's own shape, per goal."
    )
    created_at: datetime.datetime | None
    updated_at: datetime.datetime | None


def form_out(choice: FormChoice) -> dict:
    return {
        "id": choice.key,
        "name": choice.name,
        "builtin": choice.builtin,
        "questions": choice.questions,
        "created_at": choice.form.created_at if choice.form else None,
        "updated_at": choice.form.updated_at if choice.form else None,
    }


def _choice(request, form_id: str, language=None, role=None) -> FormChoice:
    choice = find_form(
        request.user, form_id, language or _language(request), role or _role(request)
    )
    if choice is None:
        raise Http404
    return choice


def _own(request, form_id: str) -> ReviewForm:
    """The user's own form `form_id`; a built-in's key is a 405 saying it is read-only."""
    choice = _choice(request, form_id)
    if choice.builtin:
        raise HttpError(
            405,
            _("“%(name)s” is a built-in form and cannot be changed: copy it with POST /api/forms "
              "and change the copy.") % {"name": choice.name},
        )  # fmt: skip
    return choice.form


def _checked(questions) -> list[dict]:
    try:
        return validate_questions([question.model_dump() for question in questions])
    except DjangoValidationError as error:
        raise invalid("body", "questions", " ".join(error.messages)) from None


def _checked_name(request, name: str, but=None) -> str:
    name = name.strip()
    if not name:
        raise invalid("body", "name", _("Give the form a name."))
    try:
        validate_storable(name)
    except DjangoValidationError as error:
        raise invalid("body", "name", " ".join(error.messages)) from None
    if name_taken(request.user, name, but=but):
        raise invalid("body", "name", str(NameTaken(name)))
    return name


def _role(request) -> str:
    return request.user.profile.role


def _language(request) -> str:
    """The language a summary is written in by default (POST /api/perf/summary)."""
    return review_language(request.user)


class Wording(Schema):
    """Which words the built-ins come in."""

    language: Literal["en", "ru"] | None = Field(
        default=None, description="The built-ins' language; default: the profile's."
    )
    role: Literal["engineer", "manager"] | None = Field(
        default=None, description="The role the built-ins are worded for; default: the profile's."
    )


@router.get("/forms", response=answers({200: list[FormOut]}), summary="List review forms")
def list_forms(
    request,
    wording: Query[Wording],
):
    """The built-ins first (`"builtin": true`, their key as `id`), then the user's forms
    in their order."""
    language, role = wording.language or _language(request), wording.role or _role(request)
    choices = forms_for(request.user, language, role)
    return [form_out(choice) for choice in choices]


@router.post("/forms", response=answers({201: FormOut}, write=True), summary="Add a review form")
def create_review_form(request, payload: FormIn):
    name = _checked_name(request, payload.name)
    questions = _checked(payload.questions)
    try:
        made = create_form(request.user, name, questions)
    except NameTaken as taken:  # the same name saved by another request meanwhile
        raise invalid("body", "name", str(taken)) from None
    return Status(201, form_out(user_form(made)))


@router.get(
    "/forms/{form_id}", response=answers({200: FormOut, 404: Error}), summary="A review form"
)
def get_review_form(
    request,
    form_id: str,
    wording: Query[Wording],
):
    return form_out(_choice(request, form_id, wording.language, wording.role))


@router.patch(
    "/forms/{form_id}",
    response=answers({200: FormOut, 404: Error, 405: Error}, write=True),
    summary="Rename a review form or change its questions",
)
def update_review_form(request, form_id: str, payload: FormPatch):
    form = _own(request, form_id)
    changes = payload.model_dump(exclude_unset=True)
    for name in ("name", "questions"):
        if name in changes and changes[name] is None:
            raise invalid("body", name, _("This field cannot be null."))
    name = _checked_name(request, payload.name, but=form) if "name" in changes else form.name
    questions = _checked(payload.questions) if "questions" in changes else form.questions
    try:
        update_form(form, name=name, questions=questions)
    except NameTaken as taken:
        raise invalid("body", "name", str(taken)) from None
    return form_out(user_form(form))


@router.delete(
    "/forms/{form_id}",
    response=answers({204: None, 404: Error, 405: Error}, write=True),
    summary="Delete a review form",
)
def delete_review_form(request, form_id: str):
    """Summaries already written for the form keep their copy of its questions."""
    _own(request, form_id).delete()
    return Status(204, None)
