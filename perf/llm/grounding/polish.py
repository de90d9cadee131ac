"""Polish: a rewrite must keep the original's figures and names.

Looser than `unsupported_claims`: a rewrite answers only to its original, so the two texts'
numbers, percentages and names are compared as written, with no sources and no units.
"""

import re

from django.utils.translation import gettext as _

from .words import WORD_OR_TAG, name_key, names

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


def polish_problems(original: str, rewrite: str) -> str:
    """Why a rewrite is not the same facts ("" when it is): figures or names it lost or
    added. Dates count as figures."""
    lost = [f for f in figures(original) if f not in figures(rewrite)]
    added = [f for f in figures(rewrite) if f not in figures(original)]
    # "by 40%" must not become "by 40 ms": a percentage stays a percentage.
    lost += [f"{p}%" for p in percentages(original) if p not in percentages(rewrite)]
    added += [f"{p}%" for p in percentages(rewrite) if p not in percentages(original)]
    original_words = {name_key(w) for w in WORD_OR_TAG.findall(original)}
    rewrite_words = {name_key(w) for w in WORD_OR_TAG.findall(rewrite)}
    lost += [name for name in names(original) if name_key(name) not in rewrite_words]
    added += [name for name in names(rewrite) if name_key(name) not in original_words]
    problems = []
    if lost:
        problems.append(_("lost %(items)s") % {"items": ", ".join(lost)})
    if added:
        problems.append(_("added %(items)s") % {"items": ", ".join(added)})
    return "; ".join(problems)
