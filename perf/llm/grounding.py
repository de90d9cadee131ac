"""Keep a draft honest: every bullet cites entries that were sent, achievements rest on
facts, and every number or date in a claim appears in what it cites."""

import re

import snowballstemmer
from django.utils.translation import gettext as _

from .schemas import Bullet, DraftBullet, DraftSummary, GoalSummary, SummaryRequest

# 12, 3.5, 2,1, 40% — digits are what small models invent most readily.
NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


def _normalise(token: str) -> str:
    whole, _, fraction = token.replace(",", ".").partition(".")
    whole = whole.lstrip("0") or "0"
    return f"{whole}.{fraction}" if fraction else whole


def figures(text: str) -> list[str]:
    """The numbers a text states, in order, normalised (decimal comma, leading zeros)."""
    return list(dict.fromkeys(_normalise(token) for token in NUMBER.findall(text)))


PERCENT = re.compile(r"(\d+(?:[.,]\d+)?)\s?%")


def percentages(text: str) -> list[str]:
    return list(dict.fromkeys(_normalise(token) for token in PERCENT.findall(text)))


def unsupported_figures(claim: str, sources: list[str]) -> list[str]:
    """Figures of `claim` that none of `sources` states."""
    allowed = {figure for source in sources for figure in figures(source)}
    return [figure for figure in figures(claim) if figure not in allowed]


# Words, #tags and @handles; for names (polish_problems).
WORD_OR_TAG = re.compile(r"[#@][\w-]+|[^\W\d_][\w-]*")
LATIN_WORD = re.compile(r"[A-Za-z][\w-]*")
CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)
_RUSSIAN = snowballstemmer.stemmer("russian")
_ENGLISH = snowballstemmer.stemmer("english")


def _name_key(word: str) -> str:
    """A name as compared across rewrites: lower case, stemmed ("Олегом" → "олег")."""
    word = word.lower()
    if word[0] in "#@":
        return word
    return (_RUSSIAN if CYRILLIC.search(word) else _ENGLISH).stemWord(word)


def names(text: str) -> list[str]:
    """The names a text states: #tags and @handles, acronyms, words capitalised inside a
    sentence, and Latin-script words in Cyrillic text (Kafka, Grafana)."""
    cyrillic = bool(CYRILLIC.search(text))
    found = []
    for match in WORD_OR_TAG.finditer(text):
        word = match.group()
        before = text[: match.start()].rstrip()
        starts_sentence = not before or before[-1] in ".!?:;—-•\n"
        if word == "I":  # the English pronoun, not a name
            continue
        if (
            word[0] in "#@"
            or (cyrillic and LATIN_WORD.fullmatch(word))
            or (len(word) > 1 and word.isupper())
            or (word[0].isupper() and not starts_sentence)
        ):
            found.append(word)
    return list(dict.fromkeys(found))


def polish_problems(original: str, rewrite: str) -> str:
    """Why a rewrite is not the same facts ("" when it is): figures or names it lost or
    added. Dates count as figures."""
    lost = [f for f in figures(original) if f not in figures(rewrite)]
    added = [f for f in figures(rewrite) if f not in figures(original)]
    # "by 40%" must not become "by 40 ms": a percentage stays a percentage.
    lost += [f"{p}%" for p in percentages(original) if p not in percentages(rewrite)]
    added += [f"{p}%" for p in percentages(rewrite) if p not in percentages(original)]
    original_words = {_name_key(w) for w in WORD_OR_TAG.findall(original)}
    rewrite_words = {_name_key(w) for w in WORD_OR_TAG.findall(rewrite)}
    lost += [name for name in names(original) if _name_key(name) not in rewrite_words]
    added += [name for name in names(rewrite) if _name_key(name) not in original_words]
    problems = []
    if lost:
        problems.append(_("lost %(items)s") % {"items": ", ".join(lost)})
    if added:
        problems.append(_("added %(items)s") % {"items": ", ".join(added)})
    return "; ".join(problems)


def _source_texts(request: SummaryRequest, refs: list[str]) -> list[str]:
    by_ref = {entry.ref: entry for entry in request.entries}
    # An entry's own date is part of what it states ("on 2026-03-04 shipped X").
    return [
        " ".join(
            [by_ref[ref].text, by_ref[ref].date.isoformat()]
            + [f"{e.text} {e.date.isoformat()}" for e in by_ref[ref].evidence]
        )
        for ref in refs
    ]


def ground_bullets(draft_bullets: list[DraftBullet], request: SummaryRequest):
    """Keep references to facts that were sent; a bullet left with none is dropped."""
    facts = {entry.ref for entry in request.entries if entry.type == "fact"}
    kept, dropped = [], 0
    for draft in draft_bullets:
        # Small models write "[E3]" or "e3" for E3.
        normalised = (ref.strip(" []").upper() for ref in draft.refs)
        refs = list(dict.fromkeys(ref for ref in normalised if ref in facts))
        if not refs or not draft.text.strip():
            dropped += 1
            continue
        kept.append(
            Bullet(
                text=draft.text.strip(),
                entry_refs=refs,
                unsupported=unsupported_figures(draft.text, _source_texts(request, refs)),
            )
        )
    return kept, dropped


def ground(draft: DraftSummary, request: SummaryRequest):
    """Return (goals, summary_unsupported, ungrounded_count) for a model's draft."""
    all_sources = _source_texts(request, [entry.ref for entry in request.entries])
    goal_refs = {goal.ref for goal in request.goals}
    sent = {entry.ref for entry in request.entries}
    goals, ungrounded = [], 0
    for draft_goal in draft.goals:
        outputs, dropped_outputs = ground_bullets(draft_goal.outputs, request)
        outcomes, dropped_outcomes = ground_bullets(draft_goal.outcomes, request)
        ungrounded += dropped_outputs + dropped_outcomes
        if not outputs and not outcomes:
            continue
        goals.append(
            GoalSummary(
                goal_ref=draft_goal.goal_ref if draft_goal.goal_ref in goal_refs else None,
                title=draft_goal.title.strip(),
                context=draft_goal.context.strip(),
                context_refs=[r for r in draft_goal.context_refs if r in sent],
                context_unsupported=unsupported_figures(draft_goal.context, all_sources),
                outputs=outputs,
                outcomes=outcomes,
            )
        )
    return goals, unsupported_figures(draft.summary_text, all_sources), ungrounded
