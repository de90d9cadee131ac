"""An answer's text and its character limit, as the model's and the offline answers count
them (form_answers re-exports them)."""

import re

from .schemas import SummaryRequest

# A sentence ends at . ! ? or …, closing quotes and brackets included, before a space.
SENTENCE_END = re.compile(r"[.!?…][\"'»”)\]]*(?=\s)")
ELLIPSIS = "…"
# A point cut mid-sentence to fewer characters than this says nothing ("Move…"): where the
# room left (the user's kept points took the rest) is that small, the point goes.
SHORTEST_CUT = 40


def answer_text(texts: list[str]) -> str:
    """An answer as Copy gives it and its limit counts it: one point a line."""
    return "\n".join(texts)


def fit_to_limit(texts: list[str], limit: int | None) -> tuple[list[str], bool]:
    """(texts within `limit`, whether anything was cut). Whole trailing points go first;
    a first point over the limit alone is cut after its last sentence that fits, else at
    its last word that fits, with "…"."""
    if limit is None or len(answer_text(texts)) <= limit:
        return list(texts), False
    kept = list(texts)
    while len(kept) > 1 and len(answer_text(kept)) > limit:
        kept.pop()
    if len(answer_text(kept)) <= limit:
        return kept, True
    return [_cut_text(kept[0], limit)] if limit > 0 else [], True


def is_fragment(text: str) -> bool:
    return text.endswith(ELLIPSIS) and len(text) < SHORTEST_CUT


def _cut_text(text: str, limit: int) -> str:
    # The end of the sentence may fall exactly on the limit: look one character past it.
    ends = [m.end() for m in SENTENCE_END.finditer(text[: limit + 1]) if m.end() <= limit]
    if ends:
        return text[: ends[-1]]
    room = text[: limit - len(ELLIPSIS)]
    head, space, _tail = room.rpartition(" ")
    if space and head.strip():
        room = head
    return room.rstrip(" ,;:—–-") + ELLIPSIS


def limits_left(request: SummaryRequest) -> dict:
    """Each limited question's characters left for the new points: the user's kept points
    of that question (KeptPoint.section = the question's text) stay in its answer, a line
    each."""
    left = {}
    for question in request.questions:
        if question.limit is None:
            continue
        kept = [p.text for p in request.kept if p.section.strip() == question.text.strip()]
        used = len(answer_text(kept)) + (1 if kept else 0)
        left[question.ref] = max(question.limit - used, 0)
    return left
