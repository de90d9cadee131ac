"""Reading a text into what it states: dates, labels, figures and names, each an `Item`
with where it is written, so that what is not found can be marked in the text.
"""

import dataclasses
import re

from .amounts import (
    CURRENCY_BEFORE,
    MULTIPLIER_LABEL,
    MULTIPLIER_WORDS,
    NUMBER,
    NUMBER_WORDS,
    PER,
    PERIODS,
    RANGE_BACKWARD,
    RANGE_GAP,
    RANGE_UNORDERED,
    SCALE_ATTACHED,
    SCALE_WORD,
    WORD_NUMBER,
    Amount,
    bound,
    decimal,
    parse_number,
    scale_of,
    unit_at,
    with_unit,
)
from .dates import CLOCK, DATE_PATTERNS, MONTH_PATTERNS, ONE_ON_ONE, full_year, month_number
from .words import (
    AND_I,
    COMMON_ACRONYMS,
    COMMON_CAPITALISED,
    CYRILLIC,
    LABEL,
    LATIN_JARGON,
    LATIN_WORD,
    ORG_AFTER,
    ORG_BEFORE,
    ORG_WORD_EN,
    ORG_WORD_RU,
    TAG,
    VERSION,
    WORD,
    at_sentence_start,
    label_key,
    lower_team_en,
    lower_team_ru,
)


@dataclasses.dataclass
class Item:
    start: int
    end: int
    kind: str  # "date", "month", "figure", "label", "name"
    dates: tuple = ()  # (year or None, month, day or None) each
    amounts: tuple[Amount, ...] = ()
    tolerance: float = 0.5  # as written: "3.1" may stand for 3.14, "40" for 40.4
    bound: str = ""  # "", "approx", "at_most", "at_least"
    year: int | None = None  # a bare number that reads as a year (2026)
    parts: tuple["Item", ...] = ()  # "2 300" read as two numbers, when 2300 is not found
    key: str = ""  # a label's
    part_keys: tuple[str, ...] = ()  # its parts with digits: "p95" of "p95-латентность"
    words: tuple[str, ...] = ()  # a name's
    # A range's end, with the amounts of where it starts: "from 10 min to 5 min" states a
    # ratio of 2 and a 50% cut; "5 min instead of 10" the same.
    paired: tuple[Amount, ...] = ()
    ranged: bool = False  # either end of a range


class _Reader:
    """Finds a text's dates, labels, figures and names, in that order: each claims its
    characters, so a date's digits are not read again as a count."""

    def __init__(self, text: str):
        self.text = text
        self.masked = text
        self.items: list[Item] = []

    def take(self, item: Item) -> Item:
        self.items.append(item)
        self.masked = (
            self.masked[: item.start] + "\x00" * (item.end - item.start) + self.masked[item.end :]
        )
        return item

    def free(self, start: int, end: int) -> bool:
        return "\x00" not in self.masked[start:end]

    def read(self, with_names: bool) -> list[Item]:
        self.read_tags()
        self.read_dates()
        self.read_labels()
        self.read_figures()
        if with_names:
            self.read_names()
        return sorted(self.items, key=lambda item: item.start)

    def read_tags(self):
        for m in TAG.finditer(self.masked):
            self.take(Item(m.start(), m.end(), "name", words=(m.group(),)))

    def read_dates(self):
        for m in ONE_ON_ONE.finditer(self.masked):  # "1:1s with reports" is a meeting
            self.take(Item(m.start(), m.end(), "skip"))
        for number, pattern in enumerate(DATE_PATTERNS):
            for m in pattern.finditer(self.masked):
                if not self.free(*m.span()):
                    continue
                # "12.05 s" is a duration, not the 12th of May.
                if number < 3 and unit_at(self.masked, m.end())[0]:
                    continue
                groups = m.groupdict()
                month = int(groups["m"]) if groups.get("m") else month_number(groups["mn"])
                days = [int(groups["d"])] + ([int(groups["d2"])] if groups.get("d2") else [])
                year = full_year(groups.get("y"))
                if (
                    1 <= month <= 12
                    and all(1 <= day <= 31 for day in days)
                    and days == sorted(days)
                ):
                    dates = tuple((year, month, day) for day in days)
                    self.take(Item(m.start(), m.end(), "date", dates=dates))
        for pattern in MONTH_PATTERNS:
            for m in pattern.finditer(self.masked):
                if not self.free(*m.span()):
                    continue
                groups = m.groupdict()
                month = int(groups["m"]) if groups.get("m") else month_number(groups["mn"])
                if not 1 <= month <= 12:
                    continue
                # "Марта" inside a sentence is a woman's name, not March.
                if groups.get("mn") and CYRILLIC.search(m.group()) and m.group()[0].isupper():
                    if not at_sentence_start(self.masked, m.start()):
                        continue
                year = full_year(groups.get("y"))
                self.take(Item(m.start(), m.end(), "month", dates=((year, month, None),)))
        for m in CLOCK.finditer(self.masked):
            if self.free(*m.span()):
                self.take(Item(m.start(), m.end(), "label", key=m.group()))

    def read_labels(self):
        for m in VERSION.finditer(self.masked):
            if self.free(*m.span()):
                self.take(Item(m.start(), m.end(), "label", key=label_key(m.group())))
        for m in LABEL.finditer(self.masked):
            token = m.group()
            if not any(c.isdigit() for c in token) or not self.free(*m.span()):
                continue
            if multiplier := MULTIPLIER_LABEL.fullmatch(token):  # x2, х3
                value, decimals = decimal(multiplier.group(1))
                self.take(
                    Item(
                        m.start(),
                        m.end(),
                        "figure",
                        amounts=(Amount(value, "x"),),
                        tolerance=0.5 * 10**-decimals,
                    )
                )
                continue
            # "p95-латентность", "E2E-тесты": the part with the digits is the label.
            parts = tuple(label_key(p) for p in token.split("-") if any(c.isdigit() for c in p))
            self.take(Item(m.start(), m.end(), "label", key=label_key(token), part_keys=parts))

    def read_figures(self):
        figures = []
        for m in NUMBER.finditer(self.masked):
            if item := self.figure(m.start(), m.end(), m.group()):
                figures.append(item)
        for m in WORD_NUMBER.finditer(self.masked):
            if self.free(*m.span()):
                figures.append(self.word_figure(m.start(), m.end(), m.group().lower()))
        figures = [item for item in figures if item.kind == "figure"]
        figures.sort(key=lambda item: item.start)
        # A range shares its unit: "from 20 to 8 minutes" says 20 minutes too.
        for first, second in zip(figures, figures[1:], strict=False):
            if not (gap := RANGE_GAP.fullmatch(self.text[first.end : second.start])):
                continue
            if _is_bare(first) and not _is_bare(second):
                first.amounts = with_unit(first.amounts, second.amounts)
            elif _is_bare(second) and not _is_bare(first):
                second.amounts = with_unit(second.amounts, first.amounts)
            # Which end it starts from: "5 min instead of 10" starts from 10; "4 and 8" and
            # "2 s vs 40 s" say not.
            word = gap.group().strip().lower()
            first.ranged = second.ranged = True
            if word not in RANGE_BACKWARD:
                second.paired = first.amounts
            if word in RANGE_BACKWARD or word in RANGE_UNORDERED:
                first.paired = second.amounts

    def figure(self, start: int, end: int, number: str) -> Item:
        values, decimals, split = parse_number(number)
        text, masked = self.text, self.masked
        dim, factor, scale, both, per = None, 1.0, 1.0, False, None
        first = start  # where the figure starts as written: "$1,500", "×2"
        if prefix := re.search(r"([$€£₽×])[ \u00a0]?$", masked[max(0, start - 2) : start]):
            symbol = prefix.group(1)
            dim = "x" if symbol == "×" else CURRENCY_BEFORE[symbol]
            first = start - len(prefix.group())
        position = end
        scaled = SCALE_ATTACHED.match(masked, position) or SCALE_WORD.match(masked, position)
        if scaled:
            scale = scale_of(scaled.group())
            position = scaled.end()
        unit, unit_end = unit_at(masked, position)
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
            key = label_key(text[start:token_end])
            return self.take(Item(start, token_end, "label", key=key))
        if dim is not None and (rate := PER.match(masked, position)):
            period = rate.group(1).lower()
            per = PERIODS.get(period, period.rstrip("s"))
            position = rate.end()
        amounts = [Amount(v * scale, dim, factor, per) for v in values]
        if both:
            amounts += [Amount(v * scale) for v in values]
        item = Item(first, position, "figure", amounts=tuple(amounts))
        item.tolerance = 0.5 * 10**-decimals * scale
        if dim == "year" and all(1990 <= v <= 2099 for v in values):
            item.amounts, item.year = (Amount(values[0]),), int(values[0])
        elif dim is None and scale == 1.0 and decimals == 0 and 1990 <= values[0] <= 2099:
            if not split and "," not in number:
                item.year = int(values[0])
        if split:  # the last number carries the unit
            last = Amount(decimal(split[-1])[0] * scale, dim, factor, per)
            item.parts = tuple(
                Item(first, position, "figure", amounts=(Amount(decimal(part)[0]),))
                for part in split[:-1]
            ) + (Item(first, position, "figure", amounts=(last,)),)
        item.bound = bound(text[max(0, first - 30) : first])
        return self.take(item)

    def word_figure(self, start: int, end: int, word: str) -> Item:
        if word in MULTIPLIER_WORDS:
            value = MULTIPLIER_WORDS[word]
            amounts = [Amount(value, "x")]
            if word in ("twice", "дважды", "трижды"):
                amounts.append(Amount(value))
            if word in ("halved", "вдвое"):
                amounts.append(Amount(50, "%"))
            return self.take(Item(start, end, "figure", amounts=tuple(amounts)))
        value = NUMBER_WORDS[word]
        unit, unit_end = unit_at(self.masked, end, space_required=True)
        amounts = [Amount(value)]
        if unit and unit[0] is not None:
            dim, factor = unit
            amounts = [Amount(value, "x" if dim == "x?" else dim, factor)]
            if dim == "x?":
                amounts.append(Amount(value))
            end = unit_end
        return self.take(Item(start, end, "figure", amounts=tuple(amounts)))

    def read_names(self):
        text, masked = self.text, self.masked
        # Russian text, where a Latin word stands out (Kafka), or English with a Russian word
        words = WORD.findall(masked)
        cyrillic = sum(bool(CYRILLIC.search(w)) for w in words) * 2 >= len(words) > 0
        candidates = []
        for m in WORD.finditer(masked):
            word = m.group()
            bare = re.sub(r"['’]s$", "", word)
            lower = bare.lower()
            starts = at_sentence_start(masked, m.start())
            latin = bool(re.fullmatch(r"[A-Za-z][A-Za-z'’-]*", bare)) or bool(
                LATIN_WORD.match(bare) and "-" in bare
            )
            if lower in COMMON_CAPITALISED or lower in COMMON_ACRONYMS:
                continue
            is_name = (
                (len(bare) > 1 and bare.isupper())
                or (cyrillic and latin and lower not in LATIN_JARGON)
                or (bare[0].isupper() and not starts)
                or (bare[0].islower() and any(c.isupper() for c in bare[1:]))  # iOS, gRPC
                or (bare[0].isupper() and starts and AND_I.match(masked, m.end()))
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
            if after := ORG_AFTER.match(text, end):
                end = after.end()
            if before := ORG_BEFORE.search(text[max(0, start - 14) : start]):
                start -= len(before.group())
            self.take(Item(start, end, "name", words=tuple(words)))
        # A team named in lower case: "the platform team", "командой поддержки".
        for m in ORG_WORD_EN.finditer(self.masked):
            start, words = lower_team_en(self.masked, m.start())
            if words and self.free(start, m.end()):
                self.take(Item(start, m.end(), "name", words=tuple(words)))
        for m in ORG_WORD_RU.finditer(self.masked):
            end, words = lower_team_ru(self.masked, m.end())
            if words and self.free(m.start(), end):
                self.take(Item(m.start(), end, "name", words=tuple(words)))


def _is_bare(item: Item) -> bool:
    return all(amount.dim is None for amount in item.amounts)


def read(text: str, with_names: bool = True) -> list[Item]:
    return _Reader(text).read(with_names)
