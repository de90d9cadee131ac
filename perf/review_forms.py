"""Review forms as users keep and pick them: the built-ins, the user's own ReviewForms,
and the pasted text a form is written as ("one question per line, (max 1500)")."""

import re
import uuid
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from .form_model import MIN_LIMIT, ReviewForm, validate_questions
from .review_forms_builtin import BUILTIN_KEYS, COO, builtin_content


@dataclass(frozen=True)
class FormChoice:
    """A form a summary can be written for. `key`: a built-in's key or a ReviewForm's id as
    str; `questions` [{"text", "guidance", "limit"}], empty for the seed's C/O/O form."""

    key: str
    name: str
    questions: list = field(default_factory=list)
    builtin: bool = False
    form: ReviewForm | None = None


def _language(language: str | None) -> str:
    return "ru" if (language or "").lower().startswith("ru") else "en"


def _role(role: str | None) -> str:
    return "manager" if role == "manager" else "engineer"


def builtin_form(key: str, language: str, role: str) -> FormChoice | None:
    content = builtin_content(key, _language(language), _role(role))
    if content is None:
        return None
    name, questions = content
    return FormChoice(
        key=key,
        name=name,
        questions=[
            {"text": text, "guidance": guidance, "limit": limit}
            for text, guidance, limit in questions
        ],
        builtin=True,
    )


def user_form(form: ReviewForm) -> FormChoice:
    return FormChoice(key=str(form.pk), name=form.name, questions=form.questions, form=form)


def builtin_forms(language: str, role: str) -> list[FormChoice]:
    """The built-ins in their order: C/O/O (the default), self-review, promotion."""
    return [builtin_form(key, language, role) for key in BUILTIN_KEYS]


def forms_for(user, language: str, role: str) -> list[FormChoice]:
    """The built-ins, then the user's forms in their order."""
    own = ReviewForm.objects.filter(user=user)
    return builtin_forms(language, role) + [user_form(form) for form in own]


def find_form(user, key: str, language: str, role: str) -> FormChoice | None:
    """The form `key` names for `user`: a built-in ("" is the seed's C/O/O, as
    PerfSummary.form_key keeps it), or one of the user's own; None for anything else,
    another user's form included."""
    key = (key or COO).strip()
    if key in BUILTIN_KEYS:
        return builtin_form(key, language, role)
    try:
        pk = uuid.UUID(key)
    except ValueError:
        return None
    form = ReviewForm.objects.filter(user=user, pk=pk).first()
    return user_form(form) if form else None


# --- Pasted text -------------------------------------------------------------------------

# A number as people write a limit: 1500, 1,500, 1.500, 1 500 (also a no-break space), 1.5k.
_NUMBER = r"(?P<number>\d{1,3}(?:[ ,.\u00a0\u202f]\d{3})+|\d+(?:[.,]\d+)?)\s*(?P<k>[kк])?"
_BEFORE = (
    r"(?:max(?:imum)?\.?|up\s+to|at\s+most|no\s+more\s+than|limit(?:ed\s+to)?|"
    r"не\s+более|не\s+больше|до|макс(?:имум)?\.?|максимально|лимит|ограничение)"
)
_UNIT = (
    r"(?:characters?|chars?\.?|symbols?|letters|"
    r"символ(?:ов|а)?|симв\.?|знак(?:ов|а)?|зн\.?)"
    r"(?:\s+(?:with|including|incl\.?)\s+spaces|\s+с\s+пробелами)?"
)
_AFTER = r"(?:max(?:imum)?\.?|limit|макс(?:имум)?\.?|максимум)"
_LIMIT = re.compile(
    rf"^(?P<before>{_BEFORE}\s*:?\s*)?{_NUMBER}\s*(?P<unit>{_UNIT})?\s*(?P<after>{_AFTER})?$",
    re.IGNORECASE,
)
_BRACKETED = re.compile(r"\s*[(\[]([^()\[\]]*)[)\]]")
# Unbracketed, at the end after a dash or comma: "… — max 1500 characters".
_TRAILING = re.compile(
    rf"[\s,;:]*[-–—,;]\s*({_BEFORE}\s*:?\s*\d[\d\s,.\u00a0\u202f]*[kк]?\s*{_UNIT}?)\s*$", re.I
)
_MARKER = re.compile(r"^(?:\d{1,3}[.)]|[-*•–—])\s+")


def limit_of(words: str) -> int | None:
    """The character limit `words` state ("max 1,500 characters", "до 1500 знаков"), or None
    when they are not a limit: a bare "(2026)" is not one, it needs a word that says so; nor
    is a small number without a unit, "Rate yourself (max 5)"."""
    match = _LIMIT.match(words.strip())
    if not match or not (match["before"] or match["unit"] or match["after"]):
        return None
    number = match["number"]
    if match["k"]:
        limit = round(float(number.replace(",", ".").replace(" ", "")) * 1000)
    elif re.fullmatch(r"\d+[.,]\d{1,2}", number):
        return None  # "1.5 characters" is no limit
    else:
        limit = int(re.sub(r"\D", "", number))
    # With a unit, a small limit is one, and validate_questions says it is too small.
    return limit if match["unit"] or match["k"] or limit >= MIN_LIMIT else None


def split_limit(line: str) -> tuple[str, int | None]:
    """A question's line without the limit written in it, and that limit."""
    for match in reversed(list(_BRACKETED.finditer(line))):
        limit = limit_of(match[1])
        if limit is not None:
            line = line[: match.start()] + line[match.end() :]
            return _tidy(line), limit
    match = _TRAILING.search(line)
    if match and (limit := limit_of(match[1])) is not None:
        return _tidy(line[: match.start()]), limit
    return _tidy(line), None


def _tidy(text: str) -> str:
    text = re.sub(r"\s+([?.!:;,])", r"\1", re.sub(r"\s{2,}", " ", text)).strip()
    return text


def parse_pasted(text: str) -> list[dict]:
    """Questions pasted one per line, as kept ([{"text", "guidance", "limit"}]): a limit
    written in the line is recognised and taken out of it, list markers ("1.", "-", "•")
    go, blank lines are ignored, and a line indented or starting with ">" is guidance for
    the question above it (or its limit, when that is all it says). Raises
    validate_questions' ValidationError."""
    questions: list[dict] = []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        indented = line[0] in " \t\u00a0" or line.lstrip().startswith(">")
        if indented and questions:
            words = line.strip().lstrip(">").strip()
            limit = limit_of(words.strip("().[] "))
            question = questions[-1]
            if limit is not None and question["limit"] is None:
                question["limit"] = limit
            elif words:
                question["guidance"] = "\n".join(filter(None, [question["guidance"], words]))
            continue
        words = _MARKER.sub("", line.strip().lstrip(">").strip())
        question_text, limit = split_limit(words)
        questions.append({"text": question_text, "guidance": "", "limit": limit})
    return validate_questions(questions)


LIMIT_AS_TEXT = {"en": " (max {limit})", "ru": " (не более {limit} символов)"}
CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)


def questions_as_text(questions: list[dict]) -> str:
    """The questions as they would be pasted, each limit in its question's own language (an
    English question of a Russian user's form keeps "(max 1500)"): parse_pasted reads it
    back as they are."""
    lines = []
    for question in questions:
        limit = question.get("limit")
        language = "ru" if CYRILLIC.search(question["text"]) else "en"
        limit_text = LIMIT_AS_TEXT[language].format(limit=limit) if limit else ""
        lines.append(question["text"] + limit_text)
        lines.extend(
            f"    {line.strip()}"
            for line in (question.get("guidance") or "").splitlines()
            if line.strip()
        )
    return "\n".join(lines)


# --- Keeping the user's forms ------------------------------------------------------------


def name_taken(user, name: str, *, but=None) -> bool:
    forms = ReviewForm.objects.filter(user=user, name__iexact=name.strip())
    return forms.exclude(pk=but.pk).exists() if but else forms.exists()


class NameTaken(ValueError):
    """The user has a form of this name (any case) already; the message says so."""

    def __init__(self, name: str):
        super().__init__(
            _("You already have a form called “%(name)s”: give this one another name.")
            % {"name": name}
        )


def create_form(user, name: str, questions: list[dict]) -> ReviewForm:
    """A new form of `user`, last in their list; NameTaken where the name is in use, also
    when another request saved it meanwhile (the database's unique name)."""
    name = name.strip()
    try:
        with transaction.atomic():
            last = ReviewForm.objects.filter(user=user).aggregate(last=Max("position"))["last"]
            return ReviewForm.objects.create(
                user=user,
                name=name,
                questions=validate_questions(questions),
                position=0 if last is None else last + 1,
            )
    except IntegrityError:
        raise NameTaken(name) from None


def update_form(form: ReviewForm, *, name: str, questions: list[dict]) -> ReviewForm:
    """Save the form's new name and questions; NameTaken as create_form."""
    form.name, form.questions = name.strip(), validate_questions(questions)
    try:
        with transaction.atomic():
            form.save(update_fields=["name", "questions", "updated_at"])
    except IntegrityError:
        raise NameTaken(form.name) from None
    return form


def copy_name(user, name: str) -> str:
    """ "Name (copy)", or "Name (copy 2)" and on, the first the user has no form called."""
    base = name[:180]
    candidate = _("%(name)s (copy)") % {"name": base}
    number = 2
    while name_taken(user, candidate):
        candidate = _("%(name)s (copy %(number)d)") % {"name": base, "number": number}
        number += 1
    return candidate


def copy_form(user, choice: FormChoice) -> ReviewForm:
    """A copy of a built-in or of one of the user's forms, as the user's own. The C/O/O
    form has no questions to copy: it is offered as it is."""
    return create_form(user, copy_name(user, choice.name), choice.questions)


def move_form(form: ReviewForm, step: int) -> None:
    """Move the form `step` places up (−1) or down (+1) in its user's list."""
    with transaction.atomic():
        forms = list(ReviewForm.objects.select_for_update().filter(user=form.user_id))
        index = next(i for i, kept in enumerate(forms) if kept.pk == form.pk)
        target = index + step
        if not 0 <= target < len(forms):
            return
        forms[index], forms[target] = forms[target], forms[index]
        for position, kept in enumerate(forms):
            kept.position = position
        ReviewForm.objects.bulk_update(forms, ["position"])
