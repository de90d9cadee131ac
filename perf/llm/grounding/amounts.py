"""Figures as written: a number with its scale ("1.5k", "120 тыс."), its unit ("40 ms",
"$1,500", "3 раза") and its rate ("a month"); number and multiplier words ("three",
"вдвое"); the bound said before it ("about", "under"); the gap between two figures of one
range ("from 20 to 8 min").

Units of one dimension convert ("3.1 s" is "3100 ms"); a unit of another dimension is
another claim ("40 ms" is not "40%").
"""

import dataclasses
import re


@dataclasses.dataclass(frozen=True)
class Amount:
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
SCALE_ATTACHED = re.compile(r"(?:[kKкК]|M)(?![^\W\d_])")
SCALE_WORD = re.compile(
    r"[ \u00a0\u202f]?(?:тыс\.?|тысяч\w*|thousand|млн\.?|million|mln|млрд\.?|billion|bn)"
    r"(?![^\W\d_])"
)
# A rate: "$1,500/month", "2 h a week", "120 тыс. ₽ в месяц".
PER = re.compile(
    r"(?:\s*/\s*|\s+per\s+|\s+an?\s+|\s+each\s+|\s+в\s+)"
    r"(months?|mo|weeks?|wk|days?|hours?|hr|h|years?|yr|sprints?|quarters?"
    r"|месяц|неделю|день|сутки|час|год|спринт|квартал)(?![^\W\d_])",
    re.IGNORECASE,
)
PERIODS = {
    "mo": "month", "месяц": "month", "wk": "week", "неделю": "week", "день": "day",
    "сутки": "day", "hr": "hour", "h": "hour", "час": "hour", "yr": "year", "год": "year",
    "спринт": "sprint", "квартал": "quarter",
}  # fmt: skip
CURRENCY_BEFORE = {"$": "USD", "€": "EUR", "£": "GBP", "₽": "RUB"}

# 1,500 / 1 500 / 1500 / 3,5 / 3.5; the lookbehind keeps digits of labels (k8s) out.
NUMBER = re.compile(
    r"(?<![\w.,\x00])"
    r"(?:\d{1,3}(?:,\d{3})+(?!\d)(?:\.\d+)?|\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?!\d)"
    r"(?:[.,]\d+)?|\d+(?:[.,]\d+)?)(?!\d)"
)
NUMBER_WORDS = {
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
MULTIPLIER_WORDS = {
    **dict.fromkeys(["twice", "doubled", "дважды", "вдвое"], 2),
    **dict.fromkeys(["tripled", "трижды", "втрое"], 3),
    **dict.fromkeys(["quadrupled", "вчетверо"], 4),
    "впятеро": 5, "halved": 2,
}  # fmt: skip
WORD_NUMBER = re.compile(
    r"(?<![\w-])(?:"
    + "|".join(sorted({*NUMBER_WORDS, *MULTIPLIER_WORDS}, key=len)[::-1])
    + r")(?![\w-])",
    re.IGNORECASE,
)
# A multiplier written as a label: x2, х3.
MULTIPLIER_LABEL = re.compile(r"[xXхХ×](\d+(?:[.,]\d+)?)")
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
RANGE_GAP = re.compile(
    r"\s*(?:→|->|=>|–|—|-|to|down to|up to|до|and|и|vs\.?|versus|instead of|вместо|против)\s*",
    re.IGNORECASE,
)
RANGE_BACKWARD = {"instead of", "вместо", "против"}
RANGE_UNORDERED = {"and", "и", "vs", "vs.", "versus"}


def unit_at(text: str, position: int, space_required: bool = False):
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


def scale_of(word: str) -> float:
    word = word.strip(" \u00a0\u202f").lower()
    if word.startswith(("млрд", "billion", "bn")):
        return 1e9
    if word.startswith(("млн", "mln", "million")) or word == "m":
        return 1e6
    return 1e3  # k, к, тыс., thousand


def decimal(number: str) -> tuple[float, int]:
    whole, _sep, fraction = number.replace(",", ".").partition(".")
    return float(f"{whole}.{fraction}" if fraction else whole), len(fraction)


def parse_number(number: str):
    """(values it may mean, decimals written, its parts if it may be several numbers)."""
    if " " in number:  # "1 500" or "2 300-line": 2300, or 2 and 300
        value, decimals = decimal(re.sub("[ \u00a0\u202f\u2009]", "", number))
        return [value], decimals, re.split("[ \u00a0\u202f\u2009]", number)
    number = re.sub("[\u00a0\u202f\u2009]", "", number)
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", number):  # 1,500 — or a Russian 1,5
        value, decimals = decimal(number.replace(",", ""))
        values = [value]
        if number.count(",") == 1 and "." not in number:
            values.append(decimal(number)[0])
        return values, decimals, None
    value, decimals = decimal(number)
    return [value], decimals, None


def bound(before: str) -> str:
    if _APPROX.search(before):
        return "approx"
    if _AT_MOST.search(before):
        return "at_most"
    if _AT_LEAST.search(before):
        return "at_least"
    return ""


def with_unit(bare: tuple[Amount, ...], other: tuple[Amount, ...]) -> tuple[Amount, ...]:
    units = {(a.dim, a.factor, a.per) for a in other}
    return tuple(Amount(a.value, *unit) for a in bare for unit in units)
