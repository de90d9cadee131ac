"""Dates and months as written in English and Russian ("2026-03-04", "04.03", "March 4",
"4 марта", "March 9–13", "в марте"), and the clock times and "1:1" meetings that look like
dates but are not.
"""

import re

_EN_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_RU_MONTHS = {
    "январ": 1, "янв": 1, "феврал": 2, "фев": 2, "март": 3, "мар": 3, "апрел": 4, "апр": 4,
    "ма": 5, "июн": 6, "июл": 7, "август": 8, "авг": 8, "сентябр": 9, "сен": 9, "октябр": 10,
    "окт": 10, "ноябр": 11, "ноя": 11, "декабр": 12, "дек": 12,
}  # fmt: skip
_EN_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_RU_MONTH_DAY = (
    r"(?:января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря"
    r"|янв|фев|мар|апр|июн|июл|авг|сент?|окт|ноя|дек)"
)
_RU_MONTH_ALONE = (
    r"(?:январ[ьяеюё]|феврал[ьяеюё]|март[аеу]?|апрел[ьяеюё]|ма[йяею]|июн[ьяеюё]|июл[ьяеюё]"
    r"|август[аеу]?|сентябр[ьяеюё]|октябр[ьяеюё]|ноябр[ьяеюё]|декабр[ьяеюё])"
)
_ORDINAL = r"(?:st|nd|rd|th|-?го|-е)?"
_YEAR_AFTER = r"(?:,?\s+(?P<y>\d{4})(?!\d)(?:\s*(?:г\.|года|году))?)?"
DATE_PATTERNS = [
    re.compile(r"(?<![\w-])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?![\w-])"),
    re.compile(r"(?<![\w.,])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})(?![\w.])"),
    re.compile(r"(?<![\w.,])(?P<d>\d{2})\.(?P<m>\d{2})(?:\.(?P<y>\d{2}))?(?![\w]|[.,]\d)"),
    re.compile(
        rf"\b(?P<mn>{_EN_MONTH})\.?\s+(?P<d>\d{{1,2}}){_ORDINAL}"
        rf"(?:\s*(?:[–-]|to|through|until)\s*(?P<d2>\d{{1,2}}){_ORDINAL})?(?![\d:.,]\d|\w)"
        rf"{_YEAR_AFTER}"
    ),
    re.compile(
        rf"(?<![\w.,])(?P<d>\d{{1,2}}){_ORDINAL}(?:\s*(?:[–-]|по)\s*(?P<d2>\d{{1,2}}){_ORDINAL})?"
        rf"(?:\s+of)?\s+(?P<mn>{_EN_MONTH}|{_RU_MONTH_DAY})\b\.?{_YEAR_AFTER}"
    ),
]
MONTH_PATTERNS = [
    re.compile(r"(?<![\w-])(?P<y>\d{4})-(?P<m>\d{2})(?![\w-])"),
    re.compile(
        r"\b(?P<mn>January|February|March|April|May|June|July|August|September|October"
        r"|November|December)\b(?:,?\s+(?P<y>\d{4})(?!\d))?"
    ),
    re.compile(
        rf"(?<![\w-])(?P<mn>{_RU_MONTH_ALONE})(?![\w-])(?:\s+(?P<y>\d{{4}})(?!\d)"
        r"(?:\s*(?:г\.|года|году))?)?",
        re.IGNORECASE,
    ),
]


def month_number(name: str) -> int:
    name = name.lower().rstrip(".")
    if name[:3] in _EN_MONTHS and not re.search("[а-яё]", name):
        return _EN_MONTHS[name[:3]]
    for stem in sorted(_RU_MONTHS, key=len, reverse=True):
        if name.startswith(stem):
            return _RU_MONTHS[stem]
    return 0


def full_year(year: str | None) -> int | None:
    if not year:
        return None
    return int(year) + (2000 if len(year) == 2 else 0)


CLOCK = re.compile(r"(?<![\w:])\d{1,2}:\d{2}(?![\w:])")
ONE_ON_ONE = re.compile(r"(?<![\w:])1:1s?(?![\w:])")
