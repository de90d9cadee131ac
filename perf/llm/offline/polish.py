"""The light-touch polish without AI."""

import re

from ..schemas import PolishRequest, PolishResult

# Words that carry nothing in a review, dropped by the light-touch polish.
FILLERS = r"\s*\b(?:just|basically|actually|kind of|sort of|просто|вроде бы|вроде|как бы|типа)\b"
# A space before punctuation that ends a word ("this week , really"): English and Russian
# alike put none there. Only before a mark that a space or the end follows, so ".5",
# ".env", "?q=" and ":)" stay as they are.
SPACE_BEFORE_MARK = r"(?<=\S) +(?P<mark>[,.;:!?…]+)(?=\s|$)"
# Stretches left exactly as written: `code` and links.
VERBATIM = r"(?P<verbatim>`[^`]*`|\b(?:https?://|www\.)\S+)"
TOUCHES = re.compile(rf"{VERBATIM}|{SPACE_BEFORE_MARK}|{FILLERS}", re.IGNORECASE)


def _touch(match: re.Match) -> str:
    if match["verbatim"]:
        return match["verbatim"]
    if mark := match["mark"]:
        before = match.string[match.start() - 1]
        after = match.string[match.end() :].lstrip()[:1]
        # Between figures a spaced mark is part of them: "1 .5", "3 : 2".
        return match[0] if before.isdigit() and after.isdigit() else mark
    return ""  # a filler word, with the space before it


def polish(request: PolishRequest) -> PolishResult:
    """A light touch without AI: spacing (doubled spaces, a space before punctuation),
    filler words, a capital first letter; `code` and links stay as written. It never
    rewords, so it cannot change a fact."""
    text = TOUCHES.sub(_touch, " ".join(request.text.split()))
    text = " ".join(text.split()).strip(" ,;")
    text = text[:1].upper() + text[1:]
    return PolishResult(original=request.text, rewrite=text, provider="offline",
                        model="offline", is_ai=False)  # fmt: skip
