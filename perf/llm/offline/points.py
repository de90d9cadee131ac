"""Facts read once, and the facts that say the same thing as one point."""

import collections
import dataclasses
import functools
import re

from ..schemas import GOAL_TAG, EntryData
from .measured import is_measured
from .text import TEXT, counted, date_text
from .words import CLAUSE_BREAK, SENTENCE_END, STOPWORDS, TOKEN, base_of, normalised, without_tags

# People and the team: what a manager's draft leads with.
PEOPLE = re.compile(
    r"\b(?:hir(?:e|ed|es|ing)|interview\w*|candidat\w*|recruit\w*|onboard\w*|mentor\w*|"
    r"coach\w*|career|interns?|internship|offers?|headcount|probation|feedback|teammates?|"
    r"(?:my|our) team|team (?:building|offsite|health|morale|retro|lunch)|one-on-ones?|"
    r"найм\w*|наним\w*|собес\w*|кандид\w*|оффер\w*|ваканс\w*|рекрут\w*|ментор\w*|"
    r"наставни\w*|стаж[её]р\w*|стажиров\w*|онбординг\w*|фидбек\w*|тимбилдинг\w*|"
    r"(?:мо|наш)(?:ей|ю|я|ем|им|ими) команд\w*|интервью\w*|новичк\w*|новичок|"
    r"испытательн\w*|карьер\w*)\b|\b1[:-]1\b"
)  # searched in the text lower-cased: with re.IGNORECASE it cost 2.5 times as much
ROUTINE_AT = 3  # times a fact repeats before it is routine


@dataclasses.dataclass(eq=False)
class Fact:
    entry: EntryData
    text: str  # without #tags
    anchor: tuple  # ("goal", ref) or ("tag", tag) or ()
    words: list  # [(surface, base or None for a stopword)] in order
    measured: bool
    people: bool
    tokens: list = dataclasses.field(default_factory=list)  # canonical, in order


SKIP = object()  # a number: no word of the fact
WORDS_AND_BETWEEN = re.compile(f"({TOKEN.pattern})")


@functools.lru_cache(maxsize=100_000)
def word_base(surface: str):
    """What a word as written stands for: its base (base_of), None for a stopword or a
    word too short to tell, SKIP for a number. Each spelling is read once per process, not
    once per fact that holds it."""
    word = surface.lower().replace("ё", "е")
    if len(surface) > 2 and surface[-1] == "s" and surface[:-1].isupper():
        word = word[:-1]  # PRs, APIs, SLOs
    if word.isdigit():
        return SKIP
    short = len(word) < 3 and not (surface[:2].isupper() and len(word) == 2)
    return None if short or word in STOPWORDS else base_of(word)


def read_fact(entry: EntryData, goals: dict) -> Fact:
    text = without_tags(entry.text)
    tags = [tag.lower() for tag in GOAL_TAG.findall(entry.text)]
    goal_ref = next((ref for ref in entry.goal_refs if ref in goals), None)
    if goal_ref is None:
        goal_ref = next((g.ref for g in goals.values() if g.tag and g.tag.lower() in tags), None)
    anchor = ("goal", goal_ref) if goal_ref else ("tag", tags[0]) if tags else ()
    words = []
    # What comes before each word, then the word: [before, word, between, word, …, after].
    pieces = WORDS_AND_BETWEEN.split(text)
    for n in range(1, len(pieces), 2):
        between, surface = pieces[n - 1], pieces[n]
        # Most words follow one space, which neither breaks a clause nor ends a sentence.
        plain = between == " "
        if words and not plain and CLAUSE_BREAK.search(between):
            words.append(("|", None))  # no title phrase runs across it
        starts = n == 1 and not between  # the text's first character
        if (starts or not plain and SENTENCE_END.search(between)) and surface[1:].islower():
            surface = surface.lower()  # a capital that starts a sentence is no name
        base = word_base(surface)
        if base is not SKIP:
            words.append((surface, base))
    people = bool(PEOPLE.search(text.lower()))
    return Fact(entry, text, anchor, words, is_measured(text), people)


@dataclasses.dataclass(eq=False)
class Point:
    facts: list  # [Fact], by date
    routine: bool = False

    @property
    def refs(self):
        return [fact.entry.ref for fact in self.facts]

    @property
    def first(self):
        return self.facts[0].entry.date

    @property
    def last(self):
        return self.facts[-1].entry.date

    @property
    def measured(self):
        return self.facts[0].measured

    @property
    def people(self):
        return sum(fact.people for fact in self.facts) * 2 >= len(self.facts)

    @property
    def anchor(self):
        return self.facts[0].anchor

    @property
    def tokens(self):
        return self.facts[0].tokens

    def text(self, language):
        """The point's words: its commonest wording, with the count and the dates when it
        was said more than once."""
        wordings = collections.Counter(normalised(fact.text) for fact in self.facts)
        exact = collections.Counter(fact.text.rstrip(" .") for fact in self.facts)
        text = max(
            exact,
            key=lambda t: (wordings[normalised(t)], exact[t], t[:1].isupper(), -len(t)),
        )
        if len(self.facts) == 1:
            return text
        figures = {tuple(re.findall(r"\d+(?:[.,]\d+)?", fact.text)) for fact in self.facts}
        count = counted(language, len(self.facts), "time" if len(figures) == 1 else "similar")
        start, end = date_text(language, self.first), date_text(language, self.last)
        key = "repeated" if start != end else "repeated_day"
        return TEXT[language][key].format(text=text, count=count, start=start, end=end)


def collapse(facts: list[Fact]) -> list[Point]:
    """Facts saying the same thing, each set as one point: the same content words in any
    order (or the same text, when it has none), or nearly (all but one of four words; one
    word more than the other). A measured result repeats only word for word, figures and
    all. A point said ROUTINE_AT times or more, of no goal or tag, is routine."""
    keyed = collections.defaultdict(list)
    for fact in facts:
        words = frozenset(fact.tokens)
        if fact.measured or not words:
            key = (fact.anchor, True, normalised(fact.text))
        else:
            key = (fact.anchor, False, words)
        keyed[key].append(fact)
    keys = list(keyed)
    parent = list(range(len(keys)))

    def find(n):
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    by_word = collections.defaultdict(list)
    for n, (anchor, exact, words) in enumerate(keys):
        if not exact:
            for word in words:
                by_word[(anchor, word)].append(n)
    for n, (anchor, exact, words) in enumerate(keys):
        if exact or len(words) < 2:
            continue
        rarest = sorted(words, key=lambda w: (len(by_word[(anchor, w)]), w))[:2]
        for m in {m for word in rarest for m in by_word[(anchor, word)] if m > n}:
            other = keys[m][2]
            shared = len(words & other)
            union = len(words | other)
            smaller = min(len(words), len(other))
            if shared / union >= 0.75 or (shared == smaller >= 2 and union - shared == 1):
                parent[find(m)] = find(n)
    merged = collections.defaultdict(list)
    for n, key in enumerate(keys):
        merged[find(n)].extend(keyed[key])
    points = []
    for members in merged.values():
        members.sort(key=lambda fact: (fact.entry.date, fact.entry.ref))
        point = Point(members)
        point.routine = len(members) >= ROUTINE_AT and not point.anchor and not point.measured
        points.append(point)
    points.sort(key=lambda point: (point.first, point.facts[0].entry.ref))
    return points
