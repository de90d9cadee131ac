"""The light-touch polish without AI."""

import re

from ..schemas import PolishRequest, PolishResult

# Words that carry nothing in a review, dropped by the light-touch polish.
FILLERS = re.compile(
    r"\s*\b(?:just|basically|actually|kind of|sort of|просто|вроде бы|вроде|как бы|типа)\b",
    re.IGNORECASE,
)


def polish(request: PolishRequest) -> PolishResult:
    """A light touch without AI: spacing, filler words, a capital first letter. It never
    rewords, so it cannot change a fact."""
    text = " ".join(FILLERS.sub("", " " + request.text).split())
    text = text.strip(" ,;")
    text = text[:1].upper() + text[1:]
    return PolishResult(original=request.text, rewrite=text, provider="offline",
                        model="offline", is_ai=False)  # fmt: skip
