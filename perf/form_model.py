"""ReviewForm: a user's own review form (their company's questions), and the shape of a
question wherever a form is kept (a ReviewForm's, a built-in's, a summary's copy)."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from journal.validation import validate_storable_text

MAX_QUESTIONS = 30
MAX_QUESTION_LENGTH = 1000
MAX_GUIDANCE_LENGTH = 2000
# A web form's box rarely takes more; an answer is one review's worth, not a document.
MIN_LIMIT, MAX_LIMIT = 100, 20_000


def validate_questions(questions) -> list[dict]:
    """The questions as kept: [{"text", "guidance", "limit"}], in order; a ValidationError
    in a sentence naming the question otherwise."""
    if not isinstance(questions, list) or not questions:
        raise ValidationError(_("A form needs at least one question."))
    if len(questions) > MAX_QUESTIONS:
        raise ValidationError(
            _("A form has at most %(count)d questions.") % {"count": MAX_QUESTIONS}
        )
    kept = []
    for number, question in enumerate(questions, start=1):
        if not isinstance(question, dict):
            raise ValidationError(_("Question %(number)d is not a question.") % {"number": number})
        text = str(question.get("text") or "").strip()
        guidance = str(question.get("guidance") or "").strip()
        limit = question.get("limit")
        if not text:
            raise ValidationError(_("Question %(number)d has no text.") % {"number": number})
        if len(text) > MAX_QUESTION_LENGTH:
            raise ValidationError(
                _("Question %(number)d is over %(length)d characters: shorten it.")
                % {"number": number, "length": MAX_QUESTION_LENGTH}
            )
        if len(guidance) > MAX_GUIDANCE_LENGTH:
            raise ValidationError(
                _("The guidance of question %(number)d is over %(length)d characters: shorten it.")
                % {"number": number, "length": MAX_GUIDANCE_LENGTH}
            )
        if limit is not None:
            if isinstance(limit, bool) or not isinstance(limit, int):
                raise ValidationError(
                    _("The limit of question %(number)d must be a whole number of characters.")
                    % {"number": number}
                )
            if not MIN_LIMIT <= limit <= MAX_LIMIT:
                raise ValidationError(
                    _(
                        "The limit of question %(number)d must be between %(low)d and "
                        "%(high)d characters."
                    )
                    % {"number": number, "low": MIN_LIMIT, "high": MAX_LIMIT}
                )
        for part in (text, guidance):
            validate_storable(part)
        kept.append({"text": text, "guidance": guidance, "limit": limit})
    return kept


def validate_storable(text: str) -> None:
    """Text the database can keep: no NUL (PostgreSQL's text refuses it), no lone
    surrogate; the sentence says which."""
    ProhibitNullCharactersValidator()(text)
    validate_storable_text(text)


class ReviewForm(models.Model):
    id = models.UUIDField("ID", primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="review_forms",
    )
    name = models.CharField(_("name"), max_length=200)
    # [{"text", "guidance", "limit"}] in order (validate_questions).
    questions = models.JSONField(_("questions"), default=list)
    position = models.PositiveIntegerField(_("position"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        app_label = "perf"
        ordering = ["position", "created_at"]
        verbose_name = _("review form")
        verbose_name_plural = _("review forms")
        constraints = [
            models.UniqueConstraint("user", Lower("name"), name="review_form_name_unique_per_user")
        ]

    def __str__(self):
        return self.name

    def clean(self):
        self.questions = validate_questions(self.questions)
