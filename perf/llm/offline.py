"""A summary without AI: an evidence brief of the period's facts, nothing invented.

How the draft is made, in this module's order:
1. Each fact is read once (`_read`): its #tags come out of the text, its content words are
   stemmed (Russian or English) and spelt one way: ё as е, Cyrillic stems transliterated
   so that "кафке" meets "Kafka", a rare misspelling joined to the word it misspells, a
   stem joined to the longer stems it starts ("платеж", "платежн").
2. Facts that say the same thing (the same content words, or nearly) become one point
   citing them all, with the count and the dates (`_points`); one said three times or
   more, linked to no goal and stating no measured result, is routine.
3. The other points are grouped (`_cluster`): a goal's or a #tag's points start their
   group, then points join by the content words they share (average linkage over cosine
   similarity of rarity-weighted words). A point left alone goes to "Other work".
4. A group is titled after its goal, its #tag or its most telling phrase (`_title`),
   never after a verb or a filler. Points stating a measured result are its outcomes, the
   others its outputs: each fact is cited by exactly one point.
5. The context and the narrative say only what the journal says: counts of its facts, the
   span of their dates, and measured results copied from the facts.

A manager's draft leads with the groups about people and the team (hiring, 1:1s,
mentoring); an engineer's with what was built.
"""

import collections
import dataclasses
import functools
import heapq
import itertools
import math
import re

import snowballstemmer
from django.utils import formats, translation

from .prompts import PROMPT_VERSION
from .schemas import (
    GOAL_TAG,
    Bullet,
    EntryData,
    GoalSummary,
    PolishRequest,
    PolishResult,
    SummaryRequest,
    SummaryResult,
    WeekResult,
)

TEXT = {
    "en": {
        "routine": "Routine work",
        "other": "Other work",
        "people": "Team and people",
        "and": "{} and {}",
        "fact": ("fact", "facts"),
        "plan": ("plan", "plans"),
        "time": ("time", "times"),
        "similar": ("similar entry", "similar entries"),
        "activity": ("recurring activity", "recurring activities"),
        "repeated": "{text} — {count}, from {start} to {end}",
        "repeated_day": "{text} — {count}, on {start}",
        "context": "{facts} from {start} to {end}.",
        "context_day": "{facts} on {start}.",
        "context_measured": "Measured results: {results}.",
        "context_more": "{results}; {more} in the outcomes",
        "more": ("more", "more"),
        "routine_context": "{activities}, {facts} from {start} to {end}.",
        "intro": "From {start} to {end} you recorded {facts} and {plans}.",
        "built": "What you built: {groups}.",
        "people_after": "Team and people: {groups}.",
        "people_first": "Team and people come first: {groups}.",
        "delivery": "Projects: {groups}.",
        "group": "{title} ({facts})",
        "measured": "Measured results: {results}.",
        "routine_line": "Routine work: {activities}, {facts}.",
        "other_line": "Other work: {facts}.",
        "none": "There are no facts in this period yet: write what you did on Today, then "
        "generate again.",
    },
    "ru": {
        "routine": "Рутинная работа",
        "other": "Другая работа",
        "people": "Команда и люди",
        "and": "{} и {}",
        "fact": ("факт", "факта", "фактов"),
        "plan": ("план", "плана", "планов"),
        "time": ("раз", "раза", "раз"),
        "similar": ("похожая запись", "похожих записи", "похожих записей"),
        "activity": ("повторяющееся дело", "повторяющихся дела", "повторяющихся дел"),
        "repeated": "{text} — {count}, с {start} по {end}",
        "repeated_day": "{text} — {count}, {start}",
        "context": "{facts} с {start} по {end}.",
        "context_day": "{facts} за {start}.",
        "context_measured": "Измеримые результаты: {results}.",
        "context_more": "{results}; ещё {more} — в результатах",
        "more": ("", "", ""),
        "routine_context": "{activities}, {facts} с {start} по {end}.",
        "intro": "С {start} по {end} вы записали {facts} и {plans}.",
        "built": "Что сделано: {groups}.",
        "people_after": "Команда и люди: {groups}.",
        "people_first": "Прежде всего команда и люди: {groups}.",
        "delivery": "Проекты: {groups}.",
        "group": "{title} ({facts})",
        "measured": "Измеримые результаты: {results}.",
        "routine_line": "Рутинная работа: {activities}, {facts}.",
        "other_line": "Другая работа: {facts}.",
        "none": "В этом периоде пока нет фактов: запишите на экране «Сегодня», что вы сделали, "
        "и сформируйте саммари снова.",
    },
}

# Words that tell nothing about what the work was: function words, fillers, time words.
STOPWORDS = set(
    """
    a an the and or but nor so of to in on at by for from with without into onto over under
    about after before since until till via per vs versus as than then also too very just
    only still even again almost mostly nearly finally really quite more most less some any
    all each every both few many much lot lots other another such same new old first last
    next is are was were be been being am do does did done doing have has had having will
    would can could should may might must shall get got it its it's this that these those
    there here what which who whom whose when where why how not no yes up down out off
    i me my mine we us our you your he him his she her they them their one two three
    against among across around along behind beside between within well went go goes
    going gone through throughout together whole half plus
    today yesterday tomorrow day days week weeks month months morning afternoon evening
    night hour hours minute minutes time times w/ etc
    ms sec secs min mins gb mb kb tb rps qps мс сек мин гб мб кб тб шт
    и а но или либо да нет не ни же ли бы то это этот эта эти этого этой этим тот та те
    того той тем в во на по с со к ко о об обо от до из изо за для при про через над под
    без у около после перед между вместо как так тоже также ещё еще уже только лишь очень
    почти весь вся всё все всех всем всего опять снова наконец много немного мало пару
    сегодня вчера завтра время день дня дней днём днем неделя неделю недели месяц месяца утро
    утром вечер вечером ночью час часа часов минут минута минуты раз раза
    я мы ты вы он она оно они мой моя мои наш наша наши свой свою свои его её их
    был была было были быть есть будет буду который которая которые где когда что чтобы
    """.split()
)
# Words that never title a group: verbs of any journal entry, in either language.
VERBS = set(
    """
    add added make made set fix fixed move moved write wrote written review reviewed
    start started finish finished prepare prepared work worked help helped run ran
    update updated spend spent take took give gave meet met talk talked call called
    сделал сделала сделали настроил настроила обновил обновила провёл провел провела
    написал написала починил починила перевёл перевел перевела поднял подняла
    """.split()
)
RUSSIAN_VERB = re.compile(r"[аеиоуыяё]л[аои]?$|л(?:ся|ась|ось|ись)$|ться$|[аеиоуыяё]ть$")
RUSSIAN_NOUNS_IN_L = {"канал", "сигнал", "файл", "портал", "материал", "интервал", "терминал"}

TOKEN = re.compile(r"[^\W_]+")
SENTENCE_END = re.compile(r"[.!?:;—]")
CLAUSE_BREAK = re.compile(r"[.!?:;,()—–]|\s-\s")
CYRILLIC = re.compile("[а-я]")
TRANSLIT = str.maketrans(
    {
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "zh", "з": "z",
        "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
        "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "h", "ц": "c", "ч": "ch",
        "ш": "sh", "щ": "sch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    }
)  # fmt: skip
_RUSSIAN = snowballstemmer.stemmer("russian")
_ENGLISH = snowballstemmer.stemmer("english")

# A measured result: a share, a change from one figure to another, a factor, or a change
# verb with a figure. A share of traffic or users is a rollout step, not a result.
_FIGURE = r"[~≈$€₽]?\d+(?:[.,]\d+)?"
_UNIT = (
    r"(?:%|ms|мс|s|с|sec\w*|сек\w*|min\w*|мин\w*|h|ч|hours?|час\w*|days?|дн\w*|weeks?|"
    r"недел\w*|gb|гб|mb|мб|kb|кб|tb|тб|k|к|тыс\w*|млн|rps|qps|[$€₽]|руб\w*|rows?|строк\w*|"
    r"events?|событи\w*|users?|пользовател\w*|requests?|запрос\w*|errors?|ошиб\w*|"
    r"alerts?|алерт\w*|calls?|вызов\w*|pages?|страниц\w*|tickets?|тикет\w*)"
)
UNIT = re.compile(_UNIT, re.IGNORECASE)
MEASURED = re.compile(
    rf"{_FIGURE}\s?%"
    rf"|\b(?:from|с|со)\s+{_FIGURE}\S*(?:\s+\S+){{0,2}}?\s+(?:to|до)\s+{_FIGURE}"
    rf"|{_FIGURE}(?:\s?[^\W\d]{{1,4}})?\s*(?:→|->|–>)\s*{_FIGURE}"
    rf"|\b[x×]\s?\d+(?:[.,]\d+)?\b|\b\d+(?:[.,]\d+)?\s?[x×](?!\w)"
    rf"|\bв\s+\d+(?:[.,]\d+)?\s+раза?\b|\b\d+(?:[.,]\d+)?\s+times\s+(?:faster|fewer|less|more)"
    rf"|{_FIGURE}(?:\s+[^\W\d]+)?\s+(?:вместо|instead\s+of)\s+{_FIGURE}"
    r"|\b(?:halved|doubled|tripled|вдвое|втрое)\b",
    re.IGNORECASE,
)
CHANGE = re.compile(
    r"\b(?:drop\w*|rose|rise[sn]?|raised|cut|reduc\w*|decreas\w*|increas\w*|improv\w*|grew|"
    r"grown|fell|fallen|down|up|lower\w*|sav\w*|faster|slower|"
    r"сниз\w*|сниж\w*|вырос\w*|вырас\w*|сократ\w*|сокращ\w*|упал\w*|уменьш\w*|увелич\w*|"
    r"ускор\w*|улучш\w*|сэконом\w*|подня\w*|быстрее|меньше|больше)\b",
    re.IGNORECASE,
)
CHANGE_FIGURE = re.compile(
    rf"\b(?:to|by|до|на)\s+{_FIGURE}|{_FIGURE}\s?{_UNIT}(?!\w)", re.IGNORECASE
)
ROLLOUT = re.compile(
    rf"{_FIGURE}\s?%\s+(?:of\s+)?(?:the\s+)?(?:[^\W\d]+\s+){{0,2}}"
    r"(?:traffic|users|трафик\w*|пользовател\w*|клиент\w*)",
    re.IGNORECASE,
)
# People and the team: what a manager's draft leads with.
PEOPLE = re.compile(
    r"\b(?:hir(?:e|ed|es|ing)|interview\w*|candidat\w*|recruit\w*|onboard\w*|mentor\w*|"
    r"coach\w*|career|interns?|internship|offers?|headcount|probation|feedback|teammates?|"
    r"(?:my|our) team|team (?:building|offsite|health|morale|retro|lunch)|one-on-ones?|"
    r"найм\w*|наним\w*|собес\w*|кандид\w*|оффер\w*|ваканс\w*|рекрут\w*|ментор\w*|"
    r"наставни\w*|стаж[её]р\w*|стажиров\w*|онбординг\w*|фидбек\w*|тимбилдинг\w*|"
    r"(?:мо|наш)(?:ей|ю|я|ем|им|ими) команд\w*|интервью\w*|новичк\w*|новичок|"
    r"испытательн\w*|карьер\w*)\b|\b1[:-]1\b",
    re.IGNORECASE,
)
CLAUSE = re.compile(r"\s*(?:[,;:](?!\d)|[()]|\s[—–-]\s)\s*")

# How alike groups must be to merge, tuned on perf/tests/journals with
# bench/offline_quality.py: purity and completeness stay at 0.93-0.97 and 0.82-0.91 for
# MERGE_AT 0.06-0.12 at CENTROID_AT 0.15; CENTROID_AT 0.2 splits projects (completeness
# 0.75-0.84), 0.1 lets them run together (purity 0.87 in Russian).
MERGE_AT = 0.09  # average similarity of their points' pairs
CENTROID_AT = 0.15  # cosine of their centroids, for groups of one subject in other words
JOIN_AT = 0.1  # cosine of a point left alone to the centroid of the group it joins
MOVE_BY = 0.0  # how much better another group must fit a point for it to move there
ALONE_WEIGHT = 0.6
VERB_WEIGHT = 0.3  # a verb's weight against a noun's of the same rarity
COMMON_AT = 25  # groups that share a word before it links no two of them (speed)
ROUTINE_AT = 3  # times a fact repeats before it is routine
WEEK_BULLETS = 6  # the most points a week's draft gives its lone facts one each


def _plural(language, count, forms):
    if language == "en":
        return forms[0] if count == 1 else forms[1]
    if count % 10 == 1 and count % 100 != 11:
        return forms[0]
    if 2 <= count % 10 <= 4 and not 12 <= count % 100 <= 14:
        return forms[1]
    return forms[2]


def _count(language, count, key):
    return f"{count} {_plural(language, count, TEXT[language][key])}"


@functools.lru_cache(maxsize=4096)
def _date(language, day):
    """A date as the app writes it in this language (Django's DATE_FORMAT)."""
    with translation.override(language):
        return formats.date_format(day, "DATE_FORMAT")


# --- Reading a fact ---


def _without_tags(text: str) -> str:
    """The text with its #tags taken out and the spacing and punctuation left tidy; a text
    that is only tags keeps their words."""
    stripped = GOAL_TAG.sub("", text)
    stripped = re.sub(r"\s+([,.;:!?)])", r"\1", stripped)
    stripped = re.sub(r"([(])\s+", r"\1", stripped)
    stripped = re.sub(r"\(\s*\)|([,;:])(?=\s*[,;:.]|\s*$)", "", stripped)
    stripped = " ".join(stripped.split()).strip(" ,;:")
    if not re.search(r"\w", stripped):
        return " ".join(GOAL_TAG.sub(r"\1", text).split())
    return stripped


@functools.lru_cache(maxsize=50_000)
def _base(word: str) -> str:
    """A word's stem as compared across languages: Cyrillic stems transliterated."""
    if CYRILLIC.search(word):
        stem = _RUSSIAN.stemWord(word)
        # A short word loses too much ("ревью" → "рев"): keep it whole.
        return (stem if len(stem) >= 4 else word).translate(TRANSLIT)
    if word.isalpha():
        return _ENGLISH.stemWord(word)
    return word


@functools.lru_cache(maxsize=50_000)
def _is_verb(word: str) -> bool:
    word = word.lower()
    if word in VERBS:
        return True
    if CYRILLIC.search(word):
        return bool(RUSSIAN_VERB.search(word)) and word not in RUSSIAN_NOUNS_IN_L
    return len(word) > 4 and word.endswith("ed") and not word.endswith("eed")


@dataclasses.dataclass(eq=False)
class _Fact:
    entry: EntryData
    text: str  # without #tags
    anchor: tuple  # ("goal", ref) or ("tag", tag) or ()
    words: list  # [(surface, base or None for a stopword)] in order
    measured: bool
    people: bool
    tokens: list = dataclasses.field(default_factory=list)  # canonical, in order


def _read(entry: EntryData, goals: dict) -> _Fact:
    text = _without_tags(entry.text)
    tags = [tag.lower() for tag in GOAL_TAG.findall(entry.text)]
    goal_ref = next((ref for ref in entry.goal_refs if ref in goals), None)
    if goal_ref is None:
        goal_ref = next((g.ref for g in goals.values() if g.tag and g.tag.lower() in tags), None)
    anchor = ("goal", goal_ref) if goal_ref else ("tag", tags[0]) if tags else ()
    words = []
    end = 0
    for match in TOKEN.finditer(text):
        surface = match.group()
        between = text[end : match.start()]
        end = match.end()
        if words and CLAUSE_BREAK.search(between):
            words.append(("|", None))  # no title phrase runs across it
        if (match.start() == 0 or SENTENCE_END.search(between)) and surface[1:].islower():
            surface = surface.lower()  # a capital that starts a sentence is no name
        word = surface.lower().replace("ё", "е")
        if len(surface) > 2 and surface[-1] == "s" and surface[:-1].isupper():
            word = word[:-1]  # PRs, APIs, SLOs
        if word.isdigit():
            continue
        short = len(word) < 3 and not (surface[:2].isupper() and len(word) == 2)
        if short or word in STOPWORDS:
            words.append((surface, None))
        else:
            words.append((surface, _base(word)))
    measured = bool(MEASURED.search(ROLLOUT.sub("", text))) or bool(
        CHANGE.search(text) and CHANGE_FIGURE.search(ROLLOUT.sub("", text))
    )
    return _Fact(entry, text, anchor, words, measured, bool(PEOPLE.search(text)))


def _spellings(facts: list[_Fact]) -> dict:
    """One spelling per word: a stem joins the longer stems it starts, and a rare stem the
    stem one letter away from it (a typo); each family is written as its commonest stem."""
    df = collections.Counter(b for fact in facts for b in {b for _, b in fact.words if b})
    parent = {base: base for base in df}

    def find(base):
        while parent[base] != base:
            parent[base] = parent[parent[base]]
            base = parent[base]
        return base

    def union(a, b):
        a, b = find(a), find(b)
        if a != b:
            parent[max(a, b)] = min(a, b)

    ordered = sorted(df)
    for n, base in enumerate(ordered):
        if len(base) < 5:
            continue
        for longer in ordered[n + 1 :]:
            if not longer.startswith(base):
                break
            if len(longer) - len(base) <= 4:
                union(base, longer)
    variants = collections.defaultdict(list)
    for base in ordered:
        if len(base) >= 4:
            variants[base].append(base)
            if len(base) >= 5:
                for i in range(1, len(base)):  # a typo rarely hits the first letter
                    variants[base[:i] + base[i + 1 :]].append(base)
    for bases in variants.values():
        for other in bases[1:]:
            first = bases[0]
            if first[0] == other[0] and min(df[first], df[other]) <= 2:
                union(first, other)
    families = collections.defaultdict(list)
    for base in df:
        families[find(base)].append(base)
    spelling = {}
    for members in families.values():
        best = max(members, key=lambda b: (sum(df[m] for m in members if m == b), -len(b), b))
        for member in members:
            spelling[member] = best
    return spelling


# --- Points: the same thing said once ---


@dataclasses.dataclass(eq=False)
class _Point:
    facts: list  # [_Fact], by date
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
        wordings = collections.Counter(_normalised(fact.text) for fact in self.facts)
        exact = collections.Counter(fact.text.rstrip(" .") for fact in self.facts)
        text = max(
            exact,
            key=lambda t: (wordings[_normalised(t)], exact[t], t[:1].isupper(), -len(t)),
        )
        if len(self.facts) == 1:
            return text
        figures = {tuple(re.findall(r"\d+(?:[.,]\d+)?", fact.text)) for fact in self.facts}
        count = _count(language, len(self.facts), "time" if len(figures) == 1 else "similar")
        start, end = _date(language, self.first), _date(language, self.last)
        key = "repeated" if start != end else "repeated_day"
        return TEXT[language][key].format(text=text, count=count, start=start, end=end)


def _normalised(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold().replace("ё", "е")))


def _points(facts: list[_Fact]) -> list[_Point]:
    """Facts saying the same thing, each set as one point: the same content words in any
    order (or the same text, when it has none), or nearly (all but one of four words; one
    word more than the other). A measured result repeats only word for word, figures and
    all. A point said ROUTINE_AT times or more, of no goal or tag, is routine."""
    keyed = collections.defaultdict(list)
    for fact in facts:
        words = frozenset(fact.tokens)
        if fact.measured or not words:
            key = (fact.anchor, True, _normalised(fact.text))
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
        point = _Point(members)
        point.routine = len(members) >= ROUTINE_AT and not point.anchor and not point.measured
        points.append(point)
    points.sort(key=lambda point: (point.first, point.facts[0].entry.ref))
    return points


# --- Groups ---


def _cluster(points: list[_Point], verbs: set) -> tuple[list[list[_Point]], list[_Point]]:
    """Groups of points by the words they share, and the points left alone. A word weighs
    its rarity, less for a verb ("провёл", "fixed" say little of the subject).
    Points of one goal or #tag start as one group, and two groups of different goals or
    tags never merge."""
    df = collections.Counter(word for point in points for word in set(point.tokens))
    total = len(points)
    weight = {
        word: math.log((total + 1) / n) * (VERB_WEIGHT if word in verbs else 1.0)
        for word, n in df.items()
    }
    vectors = []
    for point in points:
        # A word of one point links it to nothing, but it still says the point is about
        # more than the words it shares: it counts in the norm.
        norm = (
            math.sqrt(
                sum(
                    (weight[word] * (1.0 if df[word] >= 2 else ALONE_WEIGHT)) ** 2
                    for word in set(point.tokens)
                )
            )
            or 1.0
        )
        words = {word: weight[word] / norm for word in set(point.tokens) if df[word] >= 2}
        vectors.append(words)
    postings = collections.defaultdict(list)
    for n, vector in enumerate(vectors):
        for word, w in vector.items():
            postings[word].append((n, w))
    # Start: one group per goal or tag, one per set of words (points that differ only in
    # their figures: "CI time from 25 to 9 minutes", "… from 9 to 6 minutes"), one per
    # other point.
    group_of, anchors, members = {}, {}, {}
    by_key = {}
    for n, point in enumerate(points):
        key = ("anchor", point.anchor) if point.anchor else ("words", frozenset(point.tokens))
        if not point.tokens and not point.anchor:
            key = ("point", n)
        if key not in by_key:
            by_key[key] = len(members)
            members[by_key[key]] = []
            anchors[by_key[key]] = point.anchor
        group_of[n] = by_key[key]
        members[by_key[key]].append(n)
    # Sums of pairwise similarity between groups: the dot products of their vectors' sums.
    totals = collections.defaultdict(collections.Counter)
    for n, vector in enumerate(vectors):
        totals[group_of[n]].update(vector)
    by_word = collections.defaultdict(list)
    for group, vector in totals.items():
        for word, w in vector.items():
            by_word[word].append((group, w))
    sums = collections.defaultdict(lambda: collections.defaultdict(float))
    common = max(COMMON_AT, len(members) // 8)
    for posting in by_word.values():
        if len(posting) > common:
            continue  # a word of so many groups links everything: the centroids weigh it
        for i, (ga, wa) in enumerate(posting):
            for gb, wb in posting[i + 1 :]:
                sums[ga][gb] += wa * wb
                sums[gb][ga] += wa * wb
    stamp = dict.fromkeys(members, 0)
    heap = []

    def push(ga, gb):
        if anchors[ga] and anchors[gb]:
            return
        average = sums[ga][gb] / (len(members[ga]) * len(members[gb]))
        if average >= MERGE_AT:
            heapq.heappush(heap, (-average, ga, gb, stamp[ga], stamp[gb]))

    for ga, row in sums.items():
        for gb in row:
            if ga < gb:
                push(ga, gb)
    while heap:
        _, ga, gb, sa, sb = heapq.heappop(heap)
        if ga not in members or gb not in members or stamp[ga] != sa or stamp[gb] != sb:
            continue
        # gb joins ga
        members[ga].extend(members.pop(gb))
        anchors[ga] = anchors[ga] or anchors[gb]
        stamp[ga] += 1
        row_b = sums.pop(gb)
        for gc, value in row_b.items():
            if gc == ga:
                continue
            sums[ga][gc] += value
            sums[gc][ga] += value
            del sums[gc][gb]
        sums[ga].pop(gb, None)
        for gc in sums[ga]:
            push(min(ga, gc), max(ga, gc))
    # Groups of one subject written in different words: merge by their centroids, the
    # words they use most, while two are alike enough.
    centroids = {}
    for g, ns in members.items():
        centroid = collections.Counter()
        for n in ns:
            centroid.update(vectors[n])
        norm = math.sqrt(sum(w * w for w in centroid.values())) or 1.0
        centroids[g] = {word: w / norm for word, w in centroid.items()}
    big = [g for g, ns in members.items() if len(ns) > 1 or anchors[g]]
    alike = {}
    for i, ga in enumerate(big):
        for gb in big[i + 1 :]:
            if not (anchors[ga] and anchors[gb]):
                alike[(ga, gb)] = _cosine(centroids[ga], centroids[gb])
    while alike:
        (ga, gb), similarity = max(alike.items(), key=lambda kv: (kv[1], -kv[0][0], -kv[0][1]))
        if similarity < CENTROID_AT:
            break
        merged = collections.Counter()
        for g in (ga, gb):
            for word, w in centroids[g].items():
                merged[word] += w * len(members[g])
        norm = math.sqrt(sum(w * w for w in merged.values())) or 1.0
        centroids[ga] = {word: w / norm for word, w in merged.items()}
        members[ga].extend(members.pop(gb))
        anchors[ga] = anchors[ga] or anchors[gb]
        big.remove(gb)
        alike = {pair: value for pair, value in alike.items() if ga not in pair and gb not in pair}
        for gc in big:
            if gc != ga and not (anchors[ga] and anchors[gc]):
                alike[(min(ga, gc), max(ga, gc))] = _cosine(centroids[ga], centroids[gc])
    # A point left alone joins the group it is most like, when it is like one enough.
    joins, left = [], []
    for g, ns in list(members.items()):
        if g in big:
            continue
        best = max(((_cosine(vectors[ns[0]], centroids[b]), b) for b in big), default=(0, None))
        if best[0] >= JOIN_AT:
            joins.append((ns[0], best[1]))
        else:
            left.append(points[ns[0]])
    for n, g in joins:
        members[g].append(n)
    groups = _settle({g: members[g] for g in big}, vectors, points)
    for g, ns in list(groups.items()):
        if len(ns) == 1 and not points[ns[0]].anchor:
            left.append(points[ns[0]])
            del groups[g]
    left.sort(key=_order)
    result = [sorted((points[n] for n in ns), key=_order) for ns in groups.values()]
    return result, left


def _settle(groups: dict, vectors: list, points: list) -> dict:
    """Undo what merging in order got wrong: each point not of a goal or tag moves to the
    group whose other points it is most like, twice over."""
    sums = {g: collections.Counter() for g in groups}
    for g, ns in groups.items():
        for n in ns:
            sums[g].update(vectors[n])
    by_word = collections.defaultdict(dict)
    for g, total in sums.items():
        for word, w in total.items():
            by_word[word][g] = w
    squares = {}

    def square(g):  # |the sum of the group's vectors|²
        if g not in squares:
            squares[g] = sum(w * w for w in sums[g].values())
        return squares[g]

    for _ in range(2):
        moves = []
        for g, ns in groups.items():
            for n in ns:
                vector = vectors[n]
                if points[n].anchor or not vector or len(groups) < 2:
                    continue
                dots = collections.defaultdict(float)
                for word, w in vector.items():
                    for h, total in by_word[word].items():
                        dots[h] += w * total
                itself = sum(w * w for w in vector.values())
                rest = square(g) - 2 * dots[g] + itself  # the group without this point
                own = (dots[g] - itself) / math.sqrt(rest) if rest > 1e-9 else 0.0
                best = max(
                    ((dot / math.sqrt(square(h)), h) for h, dot in dots.items() if h != g),
                    default=(0.0, g),
                )
                if best[0] > own + MOVE_BY:
                    moves.append((n, g, best[1]))
        if not moves:
            break
        for n, g, h in moves:
            groups[g].remove(n)
            groups[h].append(n)
            sums[g].subtract(vectors[n])
            sums[h].update(vectors[n])
            for word in vectors[n]:
                by_word[word][g] = sums[g][word]
                by_word[word][h] = sums[h][word]
            squares.pop(g, None)
            squares.pop(h, None)
        groups = {g: ns for g, ns in groups.items() if ns}
    return groups


def _cosine(a: dict, b: dict) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(word, 0.0) for word, w in a.items())


def _order(point: _Point):
    return (point.first, point.facts[0].entry.ref)


OBLIQUE = re.compile(
    r"(?:ого|его|ому|ему|ыми|ими|ами|ями|ах|ях|ам|ям|ом|ем|ой|ей|ов|ев|ую|юю|ых|их|ым|им|у|ю|е)$"
)
AMBIGUOUS = re.compile(r"(?:[аяиы])$")


def _oblique(word: str) -> int:
    """How unlikely a Russian form is to be the plain one a title wants: 2 for an ending
    of another case ("платёжного", "отчётов"), 1 for one that may or may not be, 0 else."""
    word = word.lower()
    if not CYRILLIC.search(word) or re.search(r"(?:ие|ия|ый|ий|ая|ое|ые|ее)$", word):
        return 0
    return 2 if OBLIQUE.search(word) else 1 if AMBIGUOUS.search(word) else 0


def _surface(forms: collections.Counter, token: str) -> str:
    """How to write a word family in a title: its shortest common form (the plain one,
    "отчёт" rather than "отчётов") spelt as the family's commonest stem (not a typo), in
    the case the journal writes it inside a sentence."""
    lowered = collections.Counter()
    for form, n in forms.items():
        lowered[form.lower()] += n
    spelt = {f: n for f, n in lowered.items() if _base(f.replace("ё", "е")) == token}
    lowered = collections.Counter(spelt or lowered)
    word = min(lowered, key=lambda form: (_oblique(form), len(form), -lowered[form], form))
    cased = [form for form in forms if form.lower() == word and not form.islower()]
    return max(cased, key=lambda form: forms[form]) if cased else word


def _title(points: list[_Point], df: collections.Counter, language: str, taken: set) -> str:
    """A group's most telling words: those its points share and other groups' points do
    not, as a phrase the journal itself writes when one is common enough, else the two
    best words joined; never a verb, a filler or a figure."""
    inside = collections.Counter(w for p in points for w in set(p.tokens))
    forms = collections.defaultdict(collections.Counter)
    verbs = collections.Counter()
    for point in points:
        for surface, token in point.facts[0].words:
            if token:
                forms[token][surface] += 1
                verbs[token] += 1 if _is_verb(surface) else -1
    score = {
        token: n * n / df[token]
        for token, n in inside.items()
        if verbs[token] < 0 and not any(c.isdigit() for c in token)
    }
    ranked = sorted(score, key=lambda t: (-score[t], t))
    if not ranked:
        return TEXT[language]["other"]
    best = ranked[0]
    # Phrases of two or three words around the best word, as the facts write them; in
    # Russian one whose first word is in another case ("мобильного API") is no title,
    # unless it opens a fact, where a noun is in its plain form.
    phrases = collections.Counter()
    spelled = collections.defaultdict(dict)
    for point in points:
        words = point.facts[0].words
        for i in range(len(words)):
            for j in range(i + 2, min(i + 4, len(words) + 1)):
                span = words[i:j]
                tokens = [t for _, t in span]
                if tokens[0] is None or tokens[-1] is None or best not in tokens:
                    continue
                if any(surface == "|" for surface, _ in span):
                    continue
                if any(t is not None and t not in score for t in tokens):
                    continue
                key = tuple(tokens)
                phrases[key] += 1
                text = " ".join(s for s, _ in span)
                penalty = 0 if i == 0 else _oblique(span[0][0])
                seen = spelled[key].get(text, (2, 0))
                spelled[key][text] = (min(penalty, seen[0]), seen[1] - 1)
    chosen = [t for t in ranked[:2] if score[t] * 2 >= score[best]]
    phrase, fallback = None, None
    for key, n in sorted(phrases.items(), key=lambda kv: (-kv[1], -len(kv[0]), str(kv[0]))):
        if n >= 2 and n * 3 >= inside[best]:
            text, (penalty, _) = min(spelled[key].items(), key=lambda kv: kv[1])
            if penalty < 2:
                phrase = text
                chosen = [t for t in chosen if t not in key]
                break
            fallback = fallback or text
    # A Russian word in another case leads no title when a near-best one is plain, or
    # else a phrase that shows what it belongs to ("мобильного API" over "мобильном").
    plain = [t for t in ranked[:3] if score[t] * 2 >= score[best]]
    plain = [t for t in plain if _oblique(_surface(forms[t], t)) == 0]
    if phrase:
        parts = [phrase]
    elif not plain and fallback:
        parts, chosen = [fallback], []
    else:
        best = plain[0] if plain else best
        chosen = [best] + [t for t in chosen if t != best]
        parts = [_surface(forms[best], best)]
    for token in chosen:
        word = _surface(forms[token], token)
        if token != best and _oblique(word) == 0:
            parts.append(word)
    parts = list(dict.fromkeys(parts))[:2]
    title = parts[0] if len(parts) == 1 else TEXT[language]["and"].format(*parts)
    extra = iter(ranked[2:])
    while title.casefold() in taken:
        nxt = next(extra, None)
        if nxt is None:
            break
        title = f"{title}, {_surface(forms[nxt], nxt)}"
    taken.add(title.casefold())
    return title[:1].upper() + title[1:]


# --- Sections and the draft ---


@dataclasses.dataclass
class _Section:
    kind: str  # goal, project, people, other, routine
    title: str
    points: list
    goal_ref: str | None = None
    description: str = ""

    @property
    def size(self):
        return sum(len(point.facts) for point in self.points)

    @property
    def people(self):
        facts = [fact for point in self.points for fact in point.facts]
        return sum(fact.people for fact in facts) * 2 >= len(facts)


def _analyse(request: SummaryRequest):
    """The period's facts, read and spelt one way, as points."""
    goals = {goal.ref: goal for goal in request.goals}
    facts = [_read(entry, goals) for entry in request.entries if entry.type == "fact"]
    spelling = _spellings(facts)
    for fact in facts:
        fact.words = [(s, spelling[b] if b else None) for s, b in fact.words]
        fact.tokens = list(dict.fromkeys(t for _, t in fact.words if t))
    verbs = collections.Counter()
    for fact in facts:
        for surface, token in fact.words:
            if token:
                verbs[token] += 1 if _is_verb(surface) else -1
    return _points(facts), {token for token, n in verbs.items() if n > 0}


def _sections(request: SummaryRequest) -> list[_Section]:
    """The draft's sections in the order the role reads them."""
    language = request.language
    goals = {goal.ref: goal for goal in request.goals}
    points, verbs = _analyse(request)
    routine = [point for point in points if point.routine]
    clusters, left = _cluster([point for point in points if not point.routine], verbs)
    df = collections.Counter(w for point in points if not point.routine for w in point.tokens)
    taken = {goal.title.casefold() for goal in request.goals}
    sections = []
    for cluster in sorted(clusters, key=lambda c: -sum(len(p.facts) for p in c)):
        anchor = next((p.anchor for p in cluster if p.anchor), ())
        if anchor and anchor[0] == "goal":
            goal = goals[anchor[1]]
            sections.append(_Section("goal", goal.title, cluster, goal.ref, goal.description))
            continue
        if anchor:
            title = anchor[1].replace("-", " ").replace("_", " ")
            title = title[:1].upper() + title[1:]
            taken.add(title.casefold())
        else:
            title = _title(cluster, df, language, taken)
        section = _Section("project", title, cluster)
        if section.people:
            section.kind = "people"
        sections.append(section)
    people_left = [point for point in left if point.people]
    if len(people_left) >= 2:
        sections.append(_Section("people", TEXT[language]["people"], people_left))
        left = [point for point in left if not point.people]
    goal_order = {goal.ref: n for n, goal in enumerate(request.goals)}
    lead = "people" if request.role == "manager" else "built"

    def order(section):
        is_people = section.kind == "people" or (section.kind == "goal" and section.people)
        first = is_people if lead == "people" else not is_people
        return (
            0 if first else 1,
            goal_order.get(section.goal_ref, len(goal_order)),
            -section.size,
        )

    sections.sort(key=order)
    if left:
        sections.append(_Section("other", TEXT[language]["other"], left))
    if routine:
        routine.sort(key=lambda point: (-len(point.facts), point.first))
        sections.append(_Section("routine", TEXT[language]["routine"], routine))
    return sections


def _result(point: _Point) -> str:
    """A measured result as the fact writes it: the clause that holds the figure."""
    text = point.facts[0].text.rstrip(" .")
    for clause in CLAUSE.split(text):
        if not re.search(r"\d|halved|doubled|вдвое|втрое", clause, re.IGNORECASE):
            continue
        words = [w for w in re.findall(r"[^\W\d_]{3,}", clause.lower()) if w not in STOPWORDS]
        if (MEASURED.search(clause) or CHANGE.search(clause)) and any(
            not UNIT.fullmatch(word) and not CHANGE.fullmatch(word) for word in words
        ):
            return clause  # it says what changed, not only by how much
    return text


def _span(language, points, facts_key="context", day_key="context_day"):
    first = min(point.first for point in points)
    last = max(point.last for point in points)
    count = _count(language, sum(len(point.facts) for point in points), "fact")
    start, end = _date(language, first), _date(language, last)
    key = facts_key if first != last else day_key
    return TEXT[language][key].format(facts=count, start=start, end=end)


def _context(section: _Section, language: str) -> str:
    text = TEXT[language]
    parts = []
    if section.description.strip():
        description = " ".join(section.description.split())
        parts.append(description if description[-1] in ".!?…" else description + ".")
    if section.kind == "routine":
        first = min(point.first for point in section.points)
        last = max(point.last for point in section.points)
        parts.append(
            text["routine_context"].format(
                activities=_count(language, len(section.points), "activity"),
                facts=_count(language, section.size, "fact"),
                start=_date(language, first),
                end=_date(language, last),
            )
        )
        return " ".join(parts)
    parts.append(_span(language, section.points))
    results = [_result(point) for point in section.points if point.measured]
    if results:
        shown = "; ".join(results[:3])
        if len(results) > 3:
            more = len(results) - 3
            shown = text["context_more"].format(
                results=shown, more=f"{more} {_plural(language, more, text['more'])}".strip()
            )
        parts.append(text["context_measured"].format(results=shown))
    return " ".join(parts)


def _goal_summary(section: _Section, language: str) -> GoalSummary:
    outputs, outcomes = [], []
    for point in section.points:
        bullet = Bullet(text=point.text(language), entry_refs=point.refs)
        (outcomes if point.measured and section.kind != "routine" else outputs).append(bullet)
    return GoalSummary(
        goal_ref=section.goal_ref,
        title=section.title,
        context=_context(section, language),
        context_refs=[ref for point in section.points for ref in point.refs],
        outputs=outputs,
        outcomes=outcomes,
    )


def _narrative(request: SummaryRequest, sections: list[_Section]) -> str:
    language = request.language
    text = TEXT[language]
    facts = sum(section.size for section in sections)
    plans = sum(1 for entry in request.entries if entry.type == "plan")
    start, end = _date(language, request.period_start), _date(language, request.period_end)
    sentences = [
        text["intro"].format(
            start=start,
            end=end,
            facts=_count(language, facts, "fact"),
            plans=_count(language, plans, "plan"),
        )
    ]

    def listed(chosen):
        return ", ".join(
            text["group"].format(title=s.title, facts=_count(language, s.size, "fact"))
            for s in chosen
        )

    named = [s for s in sections if s.kind in ("goal", "project", "people")]
    people = [s for s in named if s.kind == "people" or (s.kind == "goal" and s.people)]
    built = [s for s in named if s not in people]
    if request.role == "manager":
        if people:
            sentences.append(text["people_first"].format(groups=listed(people)))
        if built:
            sentences.append(text["delivery"].format(groups=listed(built)))
    else:
        if built:
            sentences.append(text["built"].format(groups=listed(built)))
        if people:
            sentences.append(text["people_after"].format(groups=listed(people)))
    # The measured results, the first of each group before the second of any.
    measured = [[_result(p) for p in section.points if p.measured] for section in named]
    results = [r for rank in itertools.zip_longest(*measured) for r in rank if r]
    if results:
        sentences.append(text["measured"].format(results="; ".join(results[:4])))
    for section in sections:
        if section.kind == "routine":
            sentences.append(
                text["routine_line"].format(
                    activities=_count(language, len(section.points), "activity"),
                    facts=_count(language, section.size, "fact"),
                )
            )
        elif section.kind == "other":
            sentences.append(
                text["other_line"].format(facts=_count(language, section.size, "fact"))
            )
    return " ".join(sentences)


def summarize(request: SummaryRequest) -> SummaryResult:
    language = request.language
    if request.focus:  # one section rewritten from its own facts: they stay together
        points, _ = _analyse(request)
        goal = request.goals[0] if len(request.goals) == 1 else None
        kind = "routine" if request.focus == TEXT[language]["routine"] else "project"
        sections = (
            [
                _Section(
                    kind,
                    request.focus,
                    points,
                    goal.ref if goal else None,
                    goal.description if goal else "",
                )
            ]
            if points
            else []
        )
    else:
        sections = _sections(request)
    goals = [_goal_summary(section, language) for section in sections]
    narrative = _narrative(request, sections) if sections else TEXT[language]["none"]
    return SummaryResult(
        summary_text=narrative,
        goals=goals,
        provider="offline",
        model="offline",
        prompt_version=PROMPT_VERSION,
        is_ai=False,
    )


def summarize_week(request: SummaryRequest) -> WeekResult:
    """A week without AI: one point per group of facts (goal, #tag, shared words), quoting
    each thing done once, with its count when it was done more than once."""
    bullets = []
    sections = _sections(request)
    alone = sum(len(s.points) for s in sections if s.kind == "other")
    for section in sections:
        if section.kind == "other" and len(sections) - 1 + alone <= WEEK_BULLETS:
            # A few things done once each: a point apiece reads better than one list.
            bullets += [
                Bullet(text=p.text(request.language), entry_refs=p.refs) for p in section.points
            ]
            continue
        quoted = "; ".join(point.text(request.language) for point in section.points)
        title = section.title
        anchor = next((p.anchor for p in section.points if p.anchor), ())
        if anchor and anchor[0] == "tag":
            title = f"#{anchor[1]}"
        text = quoted if len(section.points) == 1 else f"{title}: {quoted}"
        refs = [ref for point in section.points for ref in point.refs]
        bullets.append(Bullet(text=text, entry_refs=refs))
    return WeekResult(
        bullets=bullets,
        provider="offline",
        model="offline",
        prompt_version=PROMPT_VERSION,
        is_ai=False,
    )


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
