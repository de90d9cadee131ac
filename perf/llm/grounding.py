"""Keep a draft honest: every point cites entries that were sent, achievements rest on
facts, and what a claim states is stated by the entries it cites.

`unsupported_claims` reads a claim the way a sceptical reader would: each figure with its
unit ("40 ms" is not "40%"), each date (as a date: "March 4" is 2026-03-04, and an entry's
own date is evidence for a date, never for a count), each label (p95, PG16, v4.2) and each
name (people, teams, systems, #tags, @handles) must be found in its sources, or in the
user's own goal titles and tags. What is not found comes back exactly as the claim writes
it, so that the page can mark it in the text.
"""

import dataclasses
import datetime
import functools
import re
from collections.abc import Iterable, Sequence

import snowballstemmer
from django.utils.translation import gettext as _

from .schemas import Bullet, DraftBullet, DraftSummary, GoalSummary, SummaryRequest


@dataclasses.dataclass(frozen=True)
class Source:
    """What a claim may rest on: an entry's text and, when it has one, its date."""

    text: str
    date: datetime.date | None = None


# --- Amounts: a number as written, with its scale and unit ---


@dataclasses.dataclass(frozen=True)
class _Amount:
    value: float  # as written, scale included: "1.5k" is 1500
    dim: str | None = None  # "time", "data", "%", "x", "USD", …; None for a bare count
    factor: float = 1.0  # to the dimension's base unit: a minute is 60 (seconds)
    per: str | None = None  # "$1,500 a month", "10 ч в неделю"

    @property
    def base(self) -> float:
        return self.value * self.factor


# Each unit: how people write it (English and Russian), its dimension, its size in the
# dimension's base unit. Units of one dimension convert: "3.1 s" is "3100 ms".
_UNITS = [
    (r"ms|msec|millisec(?:ond)?s?|миллисекунд\w*|мс", "time", 0.001),
    (r"µs|мкс|microseconds?", "time", 1e-6),
    # A lone Russian "с" is a preposition as often as it is seconds.
    (
        r"s|secs?|seconds?|сек|секунд\w*|с(?!\s+(?:[А-ЯЁA-Z]|половин|лишн|ним\b|ней\b|нами\b))",
        "time",
        1.0,
    ),  # fmt: skip
    (r"min|mins|minutes?|мин|минут\w*", "time", 60.0),
    (r"h|hrs?|hours?|ч|час\w*", "time", 3600.0),
    (r"days?|дн\.|дня|дней|день|днях|сут\w*", "time", 86400.0),
    (r"weeks?|wks?|недел\w*", "time", 604800.0),
    (r"months?|мес\.|месяц\w*", "month", 1.0),
    (r"years?|yrs?|год|года|году|лет", "year", 1.0),
    (r"KB|kB|KiB|КБ|Кб|килобайт\w*", "data", 1e3),
    (r"MB|MiB|МБ|Мб|мегабайт\w*", "data", 1e6),
    (r"GB|GiB|ГБ|Гб|гигабайт\w*", "data", 1e9),
    (r"TB|TiB|ТБ|Тб|терабайт\w*", "data", 1e12),
    # Percentage points are read as percent: "down 3 pp" and "down 3%" are one claim.
    (r"%|percent|per\s?cent|pct|процент\w*|pp|p\.p\.|п\.\s?п\.", "%", 1.0),
    (r"x|×|х|fold", "x", 1.0),
    (r"times|раза?", "x?", 1.0),  # "3 times faster" or "restarted 3 times"
    (r"\$|usd|dollars?|доллар\w*", "USD", 1.0),
    (r"€|eur|euros?|евро", "EUR", 1.0),
    (r"₽|руб\.?|рубл\w*|rub|р\.", "RUB", 1.0),
    (r"£|gbp", "GBP", 1.0),
    (r"rps|qps|req/s", "rps", 1.0),
    (r"rpm", "rpm", 1.0),
    (r"шт\.?|pcs", None, 1.0),
]
_UNIT_RES = [(re.compile(f"(?:{p})(?![^\\W\\d_])"), dim, f) for p, dim, f in _UNITS]
# The one-letter units that read as a unit only when written against the number ("2x").
_ATTACHED_ONLY = {"x", "х"}
_SCALE_ATTACHED = re.compile(r"(?:[kKкК]|M)(?![^\W\d_])")
_SCALE_WORD = re.compile(
    r"[ \u00a0\u202f]?(?:тыс\.?|тысяч\w*|thousand|млн\.?|million|mln|млрд\.?|billion|bn)"
    r"(?![^\W\d_])"
)
# A rate: "$1,500/month", "2 h a week", "120 тыс. ₽ в месяц".
_PER = re.compile(
    r"(?:\s*/\s*|\s+per\s+|\s+an?\s+|\s+each\s+|\s+в\s+)"
    r"(months?|mo|weeks?|wk|days?|hours?|hr|h|years?|yr|sprints?|quarters?"
    r"|месяц|неделю|день|сутки|час|год|спринт|квартал)(?![^\W\d_])",
    re.IGNORECASE,
)
_PERIODS = {
    "mo": "month", "месяц": "month", "wk": "week", "неделю": "week", "день": "day",
    "сутки": "day", "hr": "hour", "h": "hour", "час": "hour", "yr": "year", "год": "year",
    "спринт": "sprint", "квартал": "quarter",
}  # fmt: skip
_CURRENCY_BEFORE = {"$": "USD", "€": "EUR", "£": "GBP", "₽": "RUB"}

# 1,500 / 1 500 / 1500 / 3,5 / 3.5; the lookbehind keeps digits of labels (k8s) out.
_NUMBER = re.compile(
    r"(?<![\w.,\x00])"
    r"(?:\d{1,3}(?:,\d{3})+(?!\d)(?:\.\d+)?|\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?!\d)"
    r"(?:[.,]\d+)?|\d+(?:[.,]\d+)?)(?!\d)"
)
_NUMBER_WORDS = {
    **dict.fromkeys(["two", "два", "две", "двух", "двум", "двумя"], 2),
    **dict.fromkeys(["three", "три", "трёх", "трех", "трём", "трем", "тремя"], 3),
    **dict.fromkeys(["four", "четыре", "четырёх", "четырех", "четырём", "четырьмя"], 4),
    **dict.fromkeys(["five", "пять", "пяти", "пятью"], 5),
    **dict.fromkeys(["six", "шесть", "шести", "шестью"], 6),
    **dict.fromkeys(["seven", "семь", "семи"], 7),
    **dict.fromkeys(["eight", "восемь", "восьми", "восемью"], 8),
    **dict.fromkeys(["nine", "девять", "девяти", "девятью"], 9),
    **dict.fromkeys(["ten", "десять", "десяти", "десятью"], 10),
    "eleven": 11, "twelve": 12, "dozen": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "hundred": 100,
}  # fmt: skip
# Words that are a multiplier by themselves; "halved" is also a 50% cut.
_MULTIPLIER_WORDS = {
    **dict.fromkeys(["twice", "doubled", "дважды", "вдвое"], 2),
    **dict.fromkeys(["tripled", "трижды", "втрое"], 3),
    **dict.fromkeys(["quadrupled", "вчетверо"], 4),
    "впятеро": 5, "halved": 2,
}  # fmt: skip
_WORD_NUMBER = re.compile(
    r"(?<![\w-])(?:"
    + "|".join(sorted({*_NUMBER_WORDS, *_MULTIPLIER_WORDS}, key=len)[::-1])
    + r")(?![\w-])",
    re.IGNORECASE,
)
# Said before a figure: "about 40", "under 5 min", "более чем на 1 000".
_THEN = r"(?:\s+(?:than|чем))?(?:\s+(?:на|в|за|до|с|of))?\s*$"
_APPROX = re.compile(
    r"(?:~|≈|\b(?:about|around|approximately|roughly|almost|nearly|some|около|примерно|почти"
    r"|порядка|приблизительно|где-то))" + _THEN,
    re.IGNORECASE,
)
_AT_MOST = re.compile(
    r"(?:<|≤|\b(?:under|below|less|fewer|within|менее|меньше|не более|не больше))" + _THEN,
    re.IGNORECASE,
)
_AT_LEAST = re.compile(
    r"(?:>|≥|\b(?:over|above|more|at least|более|больше|свыше|не менее|не меньше))" + _THEN,
    re.IGNORECASE,
)
# Between two figures of one range ("from 20 to 8 min", "40 → 2 s", "2 часа вместо 6").
_RANGE_GAP = re.compile(
    r"\s*(?:→|->|=>|–|—|-|to|down to|up to|до|and|и|vs\.?|versus|instead of|вместо|против)\s*",
    re.IGNORECASE,
)


# --- Dates ---

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
_DATE_PATTERNS = [
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
_MONTH_PATTERNS = [
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


def _month_number(name: str) -> int:
    name = name.lower().rstrip(".")
    if name[:3] in _EN_MONTHS and not re.search("[а-яё]", name):
        return _EN_MONTHS[name[:3]]
    for stem in sorted(_RU_MONTHS, key=len, reverse=True):
        if name.startswith(stem):
            return _RU_MONTHS[stem]
    return 0


def _full_year(year: str | None) -> int | None:
    if not year:
        return None
    return int(year) + (2000 if len(year) == 2 else 0)


# --- Words and names ---

WORD_OR_TAG = re.compile(r"[#@][\w-]+|[^\W\d_][\w-]*")
LATIN_WORD = re.compile(r"[A-Za-z][\w-]*")
CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['’](?=[^\W\d_])|-(?=\w))*")
_TAG = re.compile(r"(?<![\w&#@])[#@]\w[\w-]*")
# A word with a digit in it: p95, PG16, v4.2, prod-7, S3, E2E, k8s, OAuth2.
_LABEL = re.compile(r"(?<![\w\x00#@-])[^\W\d_][\w]*(?:[.\-][\w]+)*")
_VERSION = re.compile(r"(?<![\w.])[vV]?\d+(?:\.\d+){2,}(?![\w.])")
_MULTIPLIER_LABEL = re.compile(r"[xXхХ×](\d+(?:[.,]\d+)?)")
_CLOCK = re.compile(r"(?<![\w:])\d{1,2}:\d{2}(?![\w:])")
_ONE_ON_ONE = re.compile(r"(?<![\w:])1:1s?(?![\w:])")
_PERCENTILE = re.compile(
    r"(\d{2})(?:th|-?й|-?го|-?ого)?\s+(?:percentile|перцентил\w*|процентил\w*)", re.IGNORECASE
)
# Both ways: "PG16" for "Postgres 16", "k8s" for "Kubernetes".
_LABEL_ALIASES = {"pg": ("postgres", "postgresql", "постгрес"), "k8s": ("kubernetes",)}
_ALIAS_OF = {alias: short for short, aliases in _LABEL_ALIASES.items() for alias in aliases}
_SENTENCE_END = ".!?…:;—–-•\n"
_OPENERS = "\"'«»“”„(‘’[ \t\u00a0"
_ORG_AFTER = re.compile(r"\s+(?:team|squad|guild|group|org|department|crew|chapter|tribe)\b")
_ORG_BEFORE = re.compile(r"(?:команд[аеуыойю]{1,3}|отдел[аеуом]{0,2}|групп[аеуыойю]{1,3})\s+$")
_AND_I = re.compile(r"\s+(?:and|&)\s+I\b|\s+и\s+я\b")
# A review's ordinary vocabulary: capitalised or Latin, yet not a name to check.
_COMMON_ACRONYMS = {
    "pr", "prs", "mr", "mrs", "ci", "cd", "api", "apis", "ui", "ux", "qa", "okr", "okrs", "kpi",
    "kpis", "sla", "slas", "slo", "slos", "sli", "slis", "pto", "eta", "mvp", "poc", "rfc",
    "rfcs", "adr", "adrs", "tl", "em", "pm", "hr", "id", "ids", "db", "ok", "faq", "todo",
    "wip", "eod", "asap", "tbd", "json", "yaml", "csv", "pdf", "http", "https", "url", "urls",
    "html", "css", "cli", "бд", "тз", "ит", "по", "пр", "мр",
}  # fmt: skip
_COMMON_CAPITALISED = {
    "i", "i'm", "i’m", "i've", "i’ve", "i'd", "i’d", "i'll", "i’ll", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday", "я",
}  # fmt: skip
_LATIN_JARGON = {
    "review", "code", "deploy", "release", "merge", "commit", "hotfix", "fix", "bug", "bugs",
    "backlog", "sprint", "standup", "stand-up", "retro", "demo", "on-call", "oncall", "pull",
    "request", "requests", "feature", "flag", "flags", "flaky", "onboarding", "postmortem",
    "post-mortem", "runbook", "dashboard", "pipeline", "rollout", "rollback", "staging",
    "prod", "production", "backend", "frontend", "test", "tests", "lead", "team", "tech",
    "one-on-one", "legacy", "mock", "sync", "design", "doc", "docs", "ok", "e2e",
}  # fmt: skip
_RUSSIAN = snowballstemmer.stemmer("russian")
_ENGLISH = snowballstemmer.stemmer("english")
_TRANSLIT = str.maketrans(
    {
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
        "з": "z", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
        "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "h", "ц": "ts",
        "ч": "ch", "ш": "sh", "щ": "sch", "ъ": "", "ы": "i", "ь": "", "э": "e", "ю": "u",
        "я": "a",
    }
)  # fmt: skip


@functools.cache
def _name_key(word: str) -> str:
    """A name as compared across rewrites: lower case, stemmed ("Олегом" → "олег")."""
    word = word.lower().replace("ё", "е")
    if word[0] in "#@":
        return word
    word = re.sub(r"['’]s?$", "", word)
    return (_RUSSIAN if CYRILLIC.search(word) else _ENGLISH).stemWord(word)


@functools.cache
def _skeleton(word: str) -> str:
    """The consonants of a word in Latin letters, for names written in the other script or
    with a vowel that comes and goes: "Павлом" and "Pavel", "Кафку" and "Kafka"."""
    word = re.sub(r"['’]s?$", "", word.lower()).replace("дж", "j").translate(_TRANSLIT)
    for spelling, sound in (("ck", "k"), ("c", "k"), ("q", "k"), ("w", "v"), ("ph", "f"),
                            ("th", "t"), ("y", "i"), ("x", "ks")):  # fmt: skip
        word = word.replace(spelling, sound)
    if not word:
        return ""
    consonants = word[0] + re.sub("[aeiou]", "", word[1:])
    return re.sub(r"(.)\1+", r"\1", consonants)


def _word_keys(word: str) -> set[str]:
    """A source word's keys: the whole, and its parts ("Docker-образ", "Oleg's")."""
    keys = {_name_key(word)}
    for part in re.split("[-'’]", word):
        if part:
            keys.add(_name_key(part))
    return keys


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


# --- Reading a text ---


@dataclasses.dataclass
class _Item:
    start: int
    end: int
    kind: str  # "date", "month", "figure", "label", "name"
    dates: tuple = ()  # (year or None, month, day or None) each
    amounts: tuple[_Amount, ...] = ()
    tolerance: float = 0.5  # as written: "3.1" may stand for 3.14, "40" for 40.4
    bound: str = ""  # "", "approx", "at_most", "at_least"
    year: int | None = None  # a bare number that reads as a year (2026)
    parts: tuple["_Item", ...] = ()  # "2 300" read as two numbers, when 2300 is not found
    key: str = ""  # a label's
    part_keys: tuple[str, ...] = ()  # its parts with digits: "p95" of "p95-латентность"
    words: tuple[str, ...] = ()  # a name's


class _Reader:
    """Finds a text's dates, labels, figures and names, in that order: each claims its
    characters, so a date's digits are not read again as a count."""

    def __init__(self, text: str):
        self.text = text
        self.masked = text
        self.items: list[_Item] = []

    def take(self, item: _Item) -> _Item:
        self.items.append(item)
        self.masked = (
            self.masked[: item.start] + "\x00" * (item.end - item.start) + self.masked[item.end :]
        )
        return item

    def free(self, start: int, end: int) -> bool:
        return "\x00" not in self.masked[start:end]

    def read(self, with_names: bool) -> list[_Item]:
        self.read_tags()
        self.read_dates()
        self.read_labels()
        self.read_figures()
        if with_names:
            self.read_names()
        return sorted(self.items, key=lambda item: item.start)

    def read_tags(self):
        for m in _TAG.finditer(self.masked):
            self.take(_Item(m.start(), m.end(), "name", words=(m.group(),)))

    def read_dates(self):
        for m in _ONE_ON_ONE.finditer(self.masked):  # "1:1s with reports" is a meeting
            self.take(_Item(m.start(), m.end(), "skip"))
        for number, pattern in enumerate(_DATE_PATTERNS):
            for m in pattern.finditer(self.masked):
                if not self.free(*m.span()):
                    continue
                # "12.05 s" is a duration, not the 12th of May.
                if number < 3 and _unit_at(self.masked, m.end())[0]:
                    continue
                groups = m.groupdict()
                month = int(groups["m"]) if groups.get("m") else _month_number(groups["mn"])
                days = [int(groups["d"])] + ([int(groups["d2"])] if groups.get("d2") else [])
                year = _full_year(groups.get("y"))
                if (
                    1 <= month <= 12
                    and all(1 <= day <= 31 for day in days)
                    and days == sorted(days)
                ):
                    dates = tuple((year, month, day) for day in days)
                    self.take(_Item(m.start(), m.end(), "date", dates=dates))
        for pattern in _MONTH_PATTERNS:
            for m in pattern.finditer(self.masked):
                if not self.free(*m.span()):
                    continue
                groups = m.groupdict()
                month = int(groups["m"]) if groups.get("m") else _month_number(groups["mn"])
                if not 1 <= month <= 12:
                    continue
                # "Марта" inside a sentence is a woman's name, not March.
                if groups.get("mn") and CYRILLIC.search(m.group()) and m.group()[0].isupper():
                    if not _starts_sentence(self.masked, m.start()):
                        continue
                year = _full_year(groups.get("y"))
                self.take(_Item(m.start(), m.end(), "month", dates=((year, month, None),)))
        for m in _CLOCK.finditer(self.masked):
            if self.free(*m.span()):
                self.take(_Item(m.start(), m.end(), "label", key=m.group()))

    def read_labels(self):
        for m in _VERSION.finditer(self.masked):
            if self.free(*m.span()):
                self.take(_Item(m.start(), m.end(), "label", key=_label_key(m.group())))
        for m in _LABEL.finditer(self.masked):
            token = m.group()
            if not any(c.isdigit() for c in token) or not self.free(*m.span()):
                continue
            if multiplier := _MULTIPLIER_LABEL.fullmatch(token):  # x2, х3
                value, decimals = _decimal(multiplier.group(1))
                self.take(
                    _Item(
                        m.start(),
                        m.end(),
                        "figure",
                        amounts=(_Amount(value, "x"),),
                        tolerance=0.5 * 10**-decimals,
                    )
                )
                continue
            # "p95-латентность", "E2E-тесты": the part with the digits is the label.
            parts = tuple(_label_key(p) for p in token.split("-") if any(c.isdigit() for c in p))
            self.take(_Item(m.start(), m.end(), "label", key=_label_key(token), part_keys=parts))

    def read_figures(self):
        figures = []
        for m in _NUMBER.finditer(self.masked):
            if item := self.figure(m.start(), m.end(), m.group()):
                figures.append(item)
        for m in _WORD_NUMBER.finditer(self.masked):
            if self.free(*m.span()):
                figures.append(self.word_figure(m.start(), m.end(), m.group().lower()))
        figures = [item for item in figures if item.kind == "figure"]
        figures.sort(key=lambda item: item.start)
        # A range shares its unit: "from 20 to 8 minutes" says 20 minutes too.
        for first, second in zip(figures, figures[1:], strict=False):
            if not _RANGE_GAP.fullmatch(self.text[first.end : second.start]):
                continue
            if _is_bare(first) and not _is_bare(second):
                first.amounts = _with_unit(first.amounts, second.amounts)
            elif _is_bare(second) and not _is_bare(first):
                second.amounts = _with_unit(second.amounts, first.amounts)

    def figure(self, start: int, end: int, number: str) -> _Item:
        values, decimals, split = _parse_number(number)
        text, masked = self.text, self.masked
        dim, factor, scale, both, per = None, 1.0, 1.0, False, None
        first = start  # where the figure starts as written: "$1,500", "×2"
        if prefix := re.search(r"([$€£₽×])[ \u00a0]?$", masked[max(0, start - 2) : start]):
            symbol = prefix.group(1)
            dim = "x" if symbol == "×" else _CURRENCY_BEFORE[symbol]
            first = start - len(prefix.group())
        position = end
        scaled = _SCALE_ATTACHED.match(masked, position) or _SCALE_WORD.match(masked, position)
        if scaled:
            scale = _scale(scaled.group())
            position = scaled.end()
        unit, unit_end = _unit_at(masked, position)
        ordinal = re.match(r"(?:st|nd|rd|th|-[а-яё]{1,3})(?![^\W\d_])", masked[end:])
        if unit:
            udim, ufactor = unit
            if udim == "x?":
                udim, both = "x", True
            if udim is not None:
                dim, factor = udim, ufactor
            position = unit_end
        elif ordinal:
            position = end + ordinal.end()  # 1st, 3-х, 2-й: still a count
        elif scale == 1.0 and re.match(r"[^\W\d_]", masked[end : end + 1]):
            # Digits with letters after them that are no unit: 2FA, 5xx, 3D — a label.
            token_end = re.match(r"[\w.-]*", masked[end:]).end() + end
            key = _label_key(text[start:token_end])
            return self.take(_Item(start, token_end, "label", key=key))
        if dim is not None and (rate := _PER.match(masked, position)):
            period = rate.group(1).lower()
            per = _PERIODS.get(period, period.rstrip("s"))
            position = rate.end()
        amounts = [_Amount(v * scale, dim, factor, per) for v in values]
        if both:
            amounts += [_Amount(v * scale) for v in values]
        item = _Item(first, position, "figure", amounts=tuple(amounts))
        item.tolerance = 0.5 * 10**-decimals * scale
        if dim == "year" and all(1990 <= v <= 2099 for v in values):
            item.amounts, item.year = (_Amount(values[0]),), int(values[0])
        elif dim is None and scale == 1.0 and decimals == 0 and 1990 <= values[0] <= 2099:
            if not split and "," not in number:
                item.year = int(values[0])
        if split:  # the last number carries the unit
            last = _Amount(_decimal(split[-1])[0] * scale, dim, factor, per)
            item.parts = tuple(
                _Item(first, position, "figure", amounts=(_Amount(_decimal(part)[0]),))
                for part in split[:-1]
            ) + (_Item(first, position, "figure", amounts=(last,)),)
        item.bound = _bound(text[max(0, first - 30) : first])
        return self.take(item)

    def word_figure(self, start: int, end: int, word: str) -> _Item:
        if word in _MULTIPLIER_WORDS:
            value = _MULTIPLIER_WORDS[word]
            amounts = [_Amount(value, "x")]
            if word in ("twice", "дважды", "трижды"):
                amounts.append(_Amount(value))
            if word in ("halved", "вдвое"):
                amounts.append(_Amount(50, "%"))
            return self.take(_Item(start, end, "figure", amounts=tuple(amounts)))
        value = _NUMBER_WORDS[word]
        unit, unit_end = _unit_at(self.masked, end, space_required=True)
        amounts = [_Amount(value)]
        if unit and unit[0] is not None:
            dim, factor = unit
            amounts = [_Amount(value, "x" if dim == "x?" else dim, factor)]
            if dim == "x?":
                amounts.append(_Amount(value))
            end = unit_end
        return self.take(_Item(start, end, "figure", amounts=tuple(amounts)))

    def read_names(self):
        text, masked = self.text, self.masked
        # Russian text, where a Latin word stands out (Kafka), or English with a Russian word
        words = _WORD.findall(masked)
        cyrillic = sum(bool(CYRILLIC.search(w)) for w in words) * 2 >= len(words) > 0
        candidates = []
        for m in _WORD.finditer(masked):
            word = m.group()
            bare = re.sub(r"['’]s$", "", word)
            lower = bare.lower()
            starts = _starts_sentence(masked, m.start())
            latin = bool(re.fullmatch(r"[A-Za-z][A-Za-z'’-]*", bare)) or bool(
                LATIN_WORD.match(bare) and "-" in bare
            )
            if lower in _COMMON_CAPITALISED or lower in _COMMON_ACRONYMS:
                continue
            is_name = (
                (len(bare) > 1 and bare.isupper())
                or (cyrillic and latin and lower not in _LATIN_JARGON)
                or (bare[0].isupper() and not starts)
                or (bare[0].islower() and any(c.isupper() for c in bare[1:]))  # iOS, gRPC
                or (bare[0].isupper() and starts and _AND_I.match(masked, m.end()))
            )
            if is_name:
                candidates.append((m.start(), m.start() + len(bare), bare))
        # Neighbouring names are one: "Data Platform"; a team word goes with them.
        phrases: list[list] = []
        for start, end, word in candidates:
            if phrases and re.fullmatch(r"[ \u00a0]", text[phrases[-1][1] : start]):
                phrases[-1][1] = end
                phrases[-1][2].append(word)
            else:
                phrases.append([start, end, [word]])
        for start, end, words in phrases:
            if after := _ORG_AFTER.match(text, end):
                end = after.end()
            if before := _ORG_BEFORE.search(text[max(0, start - 14) : start]):
                start -= len(before.group())
            self.take(_Item(start, end, "name", words=tuple(words)))


def _starts_sentence(text: str, position: int) -> bool:
    before = text[:position].rstrip(_OPENERS)
    return not before or before[-1] in _SENTENCE_END


def _unit_at(text: str, position: int, space_required: bool = False):
    """The unit written at `position` ("40 ms", "40ms", "10-minute"): ((dim, factor), end)."""
    gap = re.match(r"[ \u00a0\u202f\u2009-]?", text[position:]).group()
    if space_required and not gap:
        return None, position
    best = None
    for regex, dim, factor in _UNIT_RES:
        for offset in {0, len(gap)} if not space_required else {len(gap)}:
            m = regex.match(text, position + offset)
            if not m or (offset and m.group() in _ATTACHED_ONLY):
                continue
            if best is None or m.end() > best[1]:
                best = ((dim, factor), m.end())
    return best or (None, position)


def _scale(word: str) -> float:
    word = word.strip(" \u00a0\u202f").lower()
    if word.startswith(("млрд", "billion", "bn")):
        return 1e9
    if word.startswith(("млн", "mln", "million")) or word == "m":
        return 1e6
    return 1e3  # k, к, тыс., thousand


def _decimal(number: str) -> tuple[float, int]:
    whole, _sep, fraction = number.replace(",", ".").partition(".")
    return float(f"{whole}.{fraction}" if fraction else whole), len(fraction)


def _parse_number(number: str):
    """(values it may mean, decimals written, its parts if it may be several numbers)."""
    if " " in number:  # "1 500" or "2 300-line": 2300, or 2 and 300
        value, decimals = _decimal(re.sub("[ \u00a0\u202f\u2009]", "", number))
        return [value], decimals, re.split("[ \u00a0\u202f\u2009]", number)
    number = re.sub("[\u00a0\u202f\u2009]", "", number)
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", number):  # 1,500 — or a Russian 1,5
        value, decimals = _decimal(number.replace(",", ""))
        values = [value]
        if number.count(",") == 1 and "." not in number:
            values.append(_decimal(number)[0])
        return values, decimals, None
    value, decimals = _decimal(number)
    return [value], decimals, None


def _bound(before: str) -> str:
    if _APPROX.search(before):
        return "approx"
    if _AT_MOST.search(before):
        return "at_most"
    if _AT_LEAST.search(before):
        return "at_least"
    return ""


def _is_bare(item: _Item) -> bool:
    return all(amount.dim is None for amount in item.amounts)


def _with_unit(bare: tuple[_Amount, ...], other: tuple[_Amount, ...]) -> tuple[_Amount, ...]:
    units = {(a.dim, a.factor, a.per) for a in other}
    return tuple(_Amount(a.value, *unit) for a in bare for unit in units)


def _label_key(label: str) -> str:
    return re.sub(r"[-_\s]", "", label.lower())


def _read(text: str, with_names: bool = True) -> list[_Item]:
    return _Reader(text).read(with_names)


# --- What the sources state ---


@dataclasses.dataclass
class _Evidence:
    dates: set = dataclasses.field(default_factory=set)  # (year or None, month, day or None)
    amounts: list[_Amount] = dataclasses.field(default_factory=list)
    years: set[int] = dataclasses.field(default_factory=set)
    numbers: set[str] = dataclasses.field(default_factory=set)  # as written, for v4.2
    labels: set[str] = dataclasses.field(default_factory=set)
    keys: set[str] = dataclasses.field(default_factory=set)
    # Names by their consonants (see _skeleton), Latin-script and Cyrillic apart.
    skeletons: dict[bool, set[str]] = dataclasses.field(
        default_factory=lambda: {False: set(), True: set()}
    )

    def add_words(self, text: str):
        cyrillic = bool(CYRILLIC.search(text))
        for m in _WORD.finditer(text):
            word = m.group()
            self.keys |= _word_keys(word)
            # Only names are matched loosely: "Paired" must not stand for "Priya".
            if _is_namelike(word, cyrillic):
                found = self.skeletons[bool(CYRILLIC.search(word))]
                found.update(_skeleton(part) for part in re.split("[-'’]", word) if part)
                found.add(_skeleton(_name_key(word)))
        for m in _TAG.finditer(text):
            self.keys.add(m.group().lower())
            self.keys |= _word_keys(m.group()[1:])
            self.skeletons[bool(CYRILLIC.search(m.group()))].add(_skeleton(m.group()[1:]))
        for m in _LABEL.finditer(text):
            self.labels.add(_label_key(m.group()))
            self.labels.update(_label_key(part) for part in m.group().split("-"))
        # "PG 16", "prod 7": a word and its number, as one label.
        for m in re.finditer(r"([^\W\d_]+)[ _-]?(\d[\w.]*\w|\d)", text):
            self.labels.add(_label_key(m.group(1) + m.group(2)))
        for m in _PERCENTILE.finditer(text):
            self.labels.add(f"p{m.group(1)}")

    def add(self, other: "_Evidence"):
        self.dates |= other.dates
        self.amounts += other.amounts
        self.years |= other.years
        self.numbers |= other.numbers
        self.labels |= other.labels
        self.keys |= other.keys
        for script, skeletons in other.skeletons.items():
            self.skeletons[script] |= skeletons


# A summary checks an entry for its point, its goal's context and the narrative; what a
# text states is read once. Never changed once made: _evidence copies from it.
@functools.lru_cache(maxsize=4096)
def _text_evidence(text: str) -> _Evidence:
    evidence = _Evidence()
    for item in _read(text, with_names=False):
        evidence.dates.update(item.dates)
        evidence.years.update(year for year, _month, _day in item.dates if year)
        for figure in (item, *item.parts):
            evidence.amounts.extend(figure.amounts)
        if item.year:
            evidence.years.add(item.year)
        if item.kind == "label":
            evidence.labels.add(item.key)
    evidence.numbers.update(m.group().replace(",", ".") for m in _NUMBER.finditer(text))
    evidence.add_words(text)
    return evidence


def _evidence(sources: Sequence[Source], known_names: Iterable[str]) -> _Evidence:
    evidence = _Evidence()
    for source in sources:
        if source.date:
            evidence.dates.add((source.date.year, source.date.month, source.date.day))
            evidence.years.add(source.date.year)
        evidence.add(_text_evidence(source.text))
    for name in known_names:  # goal titles and tags: their words, as names
        evidence.add_words(name)
        evidence.labels.add(_label_key(name))
        if tag := name.lstrip("#").lower():
            evidence.keys.add(f"#{tag}")
    return evidence


def _same(claimed: float, stated: float, tolerance: float, bound: str) -> bool:
    if bound == "at_most":
        return claimed / 2 <= stated <= claimed + tolerance
    if bound == "at_least":
        return claimed - tolerance <= stated <= claimed * 2
    if bound == "approx":
        tolerance = max(tolerance, abs(claimed) * 0.1)
    return abs(claimed - stated) <= tolerance + 1e-9 * max(1.0, abs(claimed))


def _figure_supported(item: _Item, evidence: _Evidence) -> bool:
    if item.year and item.year in evidence.years:
        return True
    for claimed in item.amounts:
        for stated in evidence.amounts:
            if claimed.dim is None:  # "down to 8" may stand for "8 minutes"
                if _same(claimed.value, stated.value, item.tolerance, item.bound):
                    return True
            elif claimed.per and claimed.per != stated.per:
                continue  # "$1,500 a week" is not "$1,500/month", nor a one-off $1,500
            elif claimed.dim == stated.dim and _same(
                claimed.base, stated.base, item.tolerance * claimed.factor, item.bound
            ):
                return True
    return bool(item.parts) and all(_figure_supported(part, evidence) for part in item.parts)


def _date_supported(item: _Item, evidence: _Evidence) -> bool:
    def matches(claimed, stated) -> bool:
        (year, month, day), (s_year, s_month, s_day) = claimed, stated
        return (
            month == s_month
            and (day is None or day == s_day)
            and (year is None or s_year is None or year == s_year)
        )

    if len(item.dates) == 2:  # "March 9–13": some cited entry falls in it
        (year, month, first), (_y, _m, last) = item.dates
        return any(
            matches((year, month, None), stated) and stated[2] and first <= stated[2] <= last
            for stated in evidence.dates
        )
    return any(matches(item.dates[0], stated) for stated in evidence.dates)


def _label_supported(item: _Item, evidence: _Evidence) -> bool:
    if item.key in evidence.labels or (item.part_keys and set(item.part_keys) <= evidence.labels):
        return True
    key = item.key
    if period := re.fullmatch(r"([qh])([1-4])", key):  # Q1, H2: the cited entries' dates
        size = 3 if period.group(1) == "q" else 6
        first = (int(period.group(2)) - 1) * size + 1
        if any(first <= month < first + size for _y, month, _d in evidence.dates):
            return True
    if version := re.fullmatch(r"v(\d+(?:\.\d+)*)", key):
        return version.group(1) in evidence.numbers
    letters = re.match(r"[^\W\d_]+", key)
    if letters and letters.group() in _LABEL_ALIASES:
        rest = key[letters.end() :]
        return any(alias + rest in evidence.labels for alias in _LABEL_ALIASES[letters.group()])
    if key in _LABEL_ALIASES:
        return any(alias in evidence.labels for alias in _LABEL_ALIASES[key])
    return False


def _word_supported(word: str, evidence: _Evidence) -> bool:
    if word[0] in "#@":
        return word.lower() in evidence.keys or _word_supported(word[1:], evidence)
    if _name_key(word) in evidence.keys:
        return True
    if word.lower() in _LATIN_JARGON:
        return True
    if short := _ALIAS_OF.get(word.lower()):  # "Kubernetes" for k8s, "Postgres" for PG16
        if any(re.fullmatch(re.escape(short) + r"[\d.]*", label) for label in evidence.labels):
            return True
    parts = [part for part in word.split("-") if part]
    if len(parts) > 1:  # "Kafka-based", "Docker-образ": the name in it must be found
        mixed = bool(CYRILLIC.search(word))
        return all(
            _word_supported(part, evidence) or not _is_namelike(part, mixed) for part in parts
        )
    # A Latin name may be written in Cyrillic ("Oleg" for "Олегу"), a Cyrillic one may lose
    # a vowel as it declines ("Павла" for "Павел"); short skeletons are too easily shared.
    cyrillic = bool(CYRILLIC.search(word))
    known = evidence.skeletons[True] | (evidence.skeletons[False] if cyrillic else set())
    skeletons = {_skeleton(word), _skeleton(_name_key(word))}
    return any(len(skeleton) >= 3 and skeleton in known for skeleton in skeletons)


def _is_namelike(word: str, cyrillic_text: bool) -> bool:
    """Capitalised, or a Latin word in Cyrillic text."""
    return word[0].isupper() or (cyrillic_text and bool(re.match("[A-Za-z]", word)))


def _supported(item: _Item, evidence: _Evidence) -> bool:
    if item.kind in ("date", "month"):
        return _date_supported(item, evidence)
    if item.kind == "figure":
        return _figure_supported(item, evidence)
    if item.kind == "label":
        return _label_supported(item, evidence)
    if item.kind == "name":
        return all(_word_supported(word, evidence) for word in item.words)
    return True


def unsupported_claims(
    claim: str, sources: Sequence[Source], known_names: Iterable[str] = ()
) -> list[str]:
    """What `claim` states that none of `sources` supports; each item exactly as the claim
    writes it (a substring of claim, e.g. "40 ms", "14", "Platform team", "March 4"), in
    order, without duplicates."""
    if not claim.strip():
        return []
    evidence = _evidence(sources, known_names)
    found = [
        claim[item.start : item.end] for item in _read(claim) if not _supported(item, evidence)
    ]
    return list(dict.fromkeys(found))


# --- Polish: a rewrite must keep the original's figures and names ---

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


# --- A draft, grounded ---


def _refs(refs: Iterable[str], allowed: set[str]) -> list[str]:
    # Small models write "[E3]" or "e3" for E3.
    normalised = (ref.strip(" []").upper() for ref in refs)
    return list(dict.fromkeys(ref for ref in normalised if ref in allowed))


def _sources(request: SummaryRequest, refs: Iterable[str]) -> list[Source]:
    """The cited entries, each with its date; a weekly point's entries each on their own."""
    by_ref = {entry.ref: entry for entry in request.entries}
    sources = []
    for ref in refs:
        entry = by_ref[ref]
        sources.append(Source(entry.text, entry.date))
        sources += [Source(evidence.text, evidence.date) for evidence in entry.evidence]
    return sources


def _known_names(request: SummaryRequest) -> list[str]:
    return [goal.title for goal in request.goals] + [
        f"#{goal.tag}" for goal in request.goals if goal.tag
    ]


def ground_bullets(draft_bullets: list[DraftBullet], request: SummaryRequest):
    """Keep references to facts that were sent; a bullet left with none is dropped. Each
    kept bullet is checked against the entries it cites."""
    facts = {entry.ref for entry in request.entries if entry.type == "fact"}
    known = _known_names(request)
    kept, dropped = [], 0
    for draft in draft_bullets:
        refs = _refs(draft.refs, facts)
        if not refs or not draft.text.strip():
            dropped += 1
            continue
        text = draft.text.strip()
        kept.append(
            Bullet(
                text=text,
                entry_refs=refs,
                unsupported=unsupported_claims(text, _sources(request, refs), known),
            )
        )
    return kept, dropped


def ground(draft: DraftSummary, request: SummaryRequest):
    """Return (goals, summary_unsupported, ungrounded_count) for a model's draft: points
    and each goal's context are checked against the entries they cite (a context also
    against its goal's description), the narrative against what the kept points and
    contexts cite."""
    goals_by_ref = {goal.ref: goal for goal in request.goals}
    sent = {entry.ref for entry in request.entries}
    known = _known_names(request)
    descriptions = [Source(goal.description) for goal in request.goals if goal.description]
    goals, ungrounded, cited = [], 0, []
    for draft_goal in draft.goals:
        outputs, dropped_outputs = ground_bullets(draft_goal.outputs, request)
        outcomes, dropped_outcomes = ground_bullets(draft_goal.outcomes, request)
        ungrounded += dropped_outputs + dropped_outcomes
        if not outputs and not outcomes:
            continue
        goal = goals_by_ref.get(draft_goal.goal_ref or "")
        context_refs = _refs(draft_goal.context_refs, sent)
        context_sources = _sources(request, context_refs)
        if goal and goal.description:
            context_sources.append(Source(goal.description))
        context = draft_goal.context.strip()
        cited += [ref for bullet in outputs + outcomes for ref in bullet.entry_refs]
        cited += context_refs
        goals.append(
            GoalSummary(
                goal_ref=goal.ref if goal else None,
                title=draft_goal.title.strip(),
                context=context,
                context_refs=context_refs,
                context_unsupported=unsupported_claims(context, context_sources, known),
                outputs=outputs,
                outcomes=outcomes,
            )
        )
    narrative_sources = _sources(request, dict.fromkeys(cited)) + descriptions
    summary_unsupported = unsupported_claims(draft.summary_text, narrative_sources, known)
    return goals, summary_unsupported, ungrounded
