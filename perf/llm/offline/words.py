"""Words as the draft compares them: stopwords and journal verbs in both languages, stems
(Russian or English) with Cyrillic transliterated, one spelling per word family."""

import collections
import functools
import re

from ..schemas import GOAL_TAG
from ..words import TRANSLIT, english_stem, russian_stem

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


def without_tags(text: str) -> str:
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
def base_of(word: str) -> str:
    """A word's stem as compared across languages: Cyrillic stems transliterated."""
    if CYRILLIC.search(word):
        stem = russian_stem(word)
        # A short word loses too much ("ревью" → "рев"): keep it whole.
        return (stem if len(stem) >= 4 else word).translate(TRANSLIT)
    if word.isalpha():
        return english_stem(word)
    return word


@functools.lru_cache(maxsize=50_000)
def is_verb(word: str) -> bool:
    word = word.lower()
    if word in VERBS:
        return True
    if CYRILLIC.search(word):
        return bool(RUSSIAN_VERB.search(word)) and word not in RUSSIAN_NOUNS_IN_L
    return len(word) > 4 and word.endswith("ed") and not word.endswith("eed")


def spellings(facts: list) -> dict:
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


def normalised(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold().replace("ё", "е")))
