"""The check: what a claim states against what the entries it cites state.

Each source's text is read once into evidence (its dates, amounts, years, labels and name
keys); each item read from the claim must be found there, as precisely as the claim writes
it ("3.1 s" may stand for 3.14 s) and within the bound it says ("about", "under").
"""

import dataclasses
import datetime
import functools
import re
from collections.abc import Iterable, Sequence

from .amounts import NUMBER, Amount
from .reading import Item, read
from .words import (
    ALIAS_GROUP,
    CYRILLIC,
    LABEL,
    LATIN_JARGON,
    PERCENTILE,
    TAG,
    WORD,
    is_namelike,
    label_key,
    name_key,
    skeleton,
    word_keys,
)


@dataclasses.dataclass(frozen=True)
class Source:
    """What a claim may rest on: an entry's text and, when it has one, its date."""

    text: str
    date: datetime.date | None = None


@dataclasses.dataclass
class _Evidence:
    dates: set = dataclasses.field(default_factory=set)  # (year or None, month, day or None)
    amounts: list[Amount] = dataclasses.field(default_factory=list)
    years: set[int] = dataclasses.field(default_factory=set)
    numbers: set[str] = dataclasses.field(default_factory=set)  # as written, for v4.2
    # The ratios two figures of one text state together: "from 10 to 5 min" is 2.
    ratios: list[float] = dataclasses.field(default_factory=list)
    labels: set[str] = dataclasses.field(default_factory=set)
    keys: set[str] = dataclasses.field(default_factory=set)
    # Names by their consonants (see skeleton), Latin-script and Cyrillic apart.
    skeletons: dict[bool, set[str]] = dataclasses.field(
        default_factory=lambda: {False: set(), True: set()}
    )

    def add_words(self, text: str):
        cyrillic = bool(CYRILLIC.search(text))
        for m in WORD.finditer(text):
            word = m.group()
            self.keys |= word_keys(word)
            # Only names are matched loosely: "Paired" must not stand for "Priya".
            if is_namelike(word, cyrillic):
                found = self.skeletons[bool(CYRILLIC.search(word))]
                found.update(skeleton(part) for part in re.split("[-'’]", word) if part)
                found.add(skeleton(name_key(word)))
        for m in TAG.finditer(text):
            self.keys.add(m.group().lower())
            self.keys |= word_keys(m.group()[1:])
            self.skeletons[bool(CYRILLIC.search(m.group()))].add(skeleton(m.group()[1:]))
        for m in LABEL.finditer(text):
            self.labels.add(label_key(m.group()))
            self.labels.update(label_key(part) for part in m.group().split("-"))
        # "PG 16", "prod 7": a word and its number, as one label.
        for m in re.finditer(r"([^\W\d_]+)[ _-]?(\d[\w.]*\w|\d)", text):
            self.labels.add(label_key(m.group(1) + m.group(2)))
        for m in PERCENTILE.finditer(text):
            self.labels.add(f"p{m.group(1)}")

    def add(self, other: "_Evidence"):
        self.dates |= other.dates
        self.amounts += other.amounts
        self.years |= other.years
        self.numbers |= other.numbers
        self.ratios += other.ratios
        self.labels |= other.labels
        self.keys |= other.keys
        for script, skeletons in other.skeletons.items():
            self.skeletons[script] |= skeletons


# A summary checks an entry for its point, its goal's context and the narrative; what a
# text states is read once. Never changed once made: _evidence copies from it.
@functools.lru_cache(maxsize=4096)
def text_evidence(text: str) -> _Evidence:
    evidence = _Evidence()
    items = read(text, with_names=False)
    for item in items:
        evidence.dates.update(item.dates)
        evidence.years.update(year for year, _month, _day in item.dates if year)
        for figure in (item, *item.parts):
            evidence.amounts.extend(figure.amounts)
        if item.year:
            evidence.years.add(item.year)
        if item.kind == "label":
            evidence.labels.add(item.key)
    evidence.numbers.update(m.group().replace(",", ".") for m in NUMBER.finditer(text))
    evidence.ratios = _ratios(items)[0]
    evidence.add_words(text)
    return evidence


def _ratios(items: list[Item]) -> tuple[list[float], list[float]]:
    """What two figures of one text state together: their ratios, and their changes in
    percent. A range's two ends ("from 10 to 5 min", "500 → 1000 rows") state their ratio
    and the change from where it starts: a 50% cut, a 100% rise. Two amounts of one kind
    written apart ("p95 was 900 ms, now 300 ms") state their ratio and a change either way."""
    pairs = [(a, b, True) for item in items for a in item.paired for b in item.amounts]
    kinds: dict[tuple, list[Amount]] = {}
    for item in items:
        for amount in () if item.ranged else item.amounts:
            if amount.dim not in (None, "x", "year"):
                kinds.setdefault((amount.dim, amount.per), []).append(amount)
    for amounts in kinds.values():
        pairs += [(a, b, False) for i, a in enumerate(amounts) for b in amounts[i + 1 :]]
    ratios, changes = [], []
    for start, end, ordered in pairs:
        if start.dim != end.dim or start.per != end.per or start.dim in ("x", "year"):
            continue
        if start.base <= 0 or end.base <= 0 or start.base == end.base:
            continue
        small, big = sorted((start.base, end.base))
        ratios.append(big / small)
        if ordered:
            changes.append(abs(end.base - start.base) / start.base * 100)
        else:
            changes += [(big - small) / big * 100, (big - small) / small * 100]
        if start.dim == "%":  # "from 3% to 1%": 2 points
            changes.append(big - small)
    return ratios, changes


def _evidence(sources: Sequence[Source], known_names: Iterable[str]) -> _Evidence:
    evidence = _Evidence()
    for source in sources:
        if source.date:
            evidence.dates.add((source.date.year, source.date.month, source.date.day))
            evidence.years.add(source.date.year)
        evidence.add(text_evidence(source.text))
    for name in known_names:  # goal titles and tags: their words, as names
        evidence.add_words(name)
        evidence.labels.add(label_key(name))
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


def _figure_supported(item: Item, evidence: _Evidence, changes: list[float] = ()) -> bool:
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
    if item.parts and all(_figure_supported(part, evidence) for part in item.parts):
        return True
    return _ratio_supported(item, evidence, changes)


def _ratio_supported(item: Item, evidence: _Evidence, changes: list[float]) -> bool:
    """A ratio the sources' figures state together: "halved" or "×2" for "from 10 to 5 min";
    held closer than a figure's rounding ("3×" is 2.7 to 3.3, so "halved" is no 10 → 6). A
    change in percent only as the claim's own figures give it, themselves checked: "by 40%,
    from 500 to 300 ms"; alone, "95% faster" for "40 s → 2 s" says either 95% less time or
    20 times the speed, and a reader can't tell which."""
    ratios = [claimed for claimed in item.amounts if claimed.dim == "x"]
    for claimed in ratios:
        tolerance = min(item.tolerance, 0.1 * claimed.value)
        if any(_same(claimed.value, r, tolerance, item.bound) for r in evidence.ratios):
            return True
    if ratios:  # "halved" is also "down 50%", as stated; from two figures, a ratio
        return False
    return any(
        _same(claimed.value, change, item.tolerance, item.bound)
        for claimed in item.amounts
        if claimed.dim == "%" and not claimed.per
        for change in changes
    )


def _date_supported(item: Item, evidence: _Evidence) -> bool:
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


def _label_supported(item: Item, evidence: _Evidence) -> bool:
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
    if letters and letters.group() in ALIAS_GROUP:  # "PG16" for "Postgres 16"
        rest = key[letters.end() :]
        return any(alias + rest in evidence.labels for alias in ALIAS_GROUP[letters.group()])
    if key in ALIAS_GROUP:  # "k8s" for "Kubernetes"
        return any(alias in evidence.labels for alias in ALIAS_GROUP[key])
    return False


def _alias_supported(word: str, evidence: _Evidence) -> bool:
    """A system under another of its names: "Postgres" for "PostgreSQL" or "PG16"."""
    group = ALIAS_GROUP.get(word.lower())
    if not group:
        return False
    if any(name_key(alias) in evidence.keys for alias in group):
        return True
    return any(
        re.fullmatch(re.escape(alias) + r"[\d.]*", label)
        for label in evidence.labels
        for alias in group
    )


def _word_supported(word: str, evidence: _Evidence) -> bool:
    if word[0] in "#@":
        return word.lower() in evidence.keys or _word_supported(word[1:], evidence)
    if name_key(word) in evidence.keys:
        return True
    if word.lower() in LATIN_JARGON:
        return True
    if _alias_supported(word, evidence):
        return True
    parts = [part for part in word.split("-") if part]
    if len(parts) > 1:  # "Kafka-based", "Docker-образ": the name in it must be found
        mixed = bool(CYRILLIC.search(word))
        return all(
            _word_supported(part, evidence) or not is_namelike(part, mixed) for part in parts
        )
    # A Latin name may be written in Cyrillic ("Oleg" for "Олегу"), a Cyrillic one may lose
    # a vowel as it declines ("Павла" for "Павел"); short skeletons are too easily shared.
    cyrillic = bool(CYRILLIC.search(word))
    known = evidence.skeletons[True] | (evidence.skeletons[False] if cyrillic else set())
    skeletons = {skeleton(word), skeleton(name_key(word))}
    return any(len(key) >= 3 and key in known for key in skeletons)


def _supported(item: Item, evidence: _Evidence, changes: list[float]) -> bool:
    if item.kind in ("date", "month"):
        return _date_supported(item, evidence)
    if item.kind == "figure":
        return _figure_supported(item, evidence, changes)
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
    items = read(claim)
    changes = _ratios(items)[1]  # "by 40%, from 500 to 300 ms"
    found = [
        claim[item.start : item.end] for item in items if not _supported(item, evidence, changes)
    ]
    return list(dict.fromkeys(found))
