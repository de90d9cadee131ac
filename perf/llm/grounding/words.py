"""Words, names and labels: how a text's names are found and how they compare.

A name (a person, team, system, #tag, @handle) compares by its stem, so that a declined
Russian name is still the name ("Олегом" is "Олег"), and by its consonants in Latin letters,
so that one written in the other script is too ("Павлом" and "Pavel"). A label is a word
with a digit in it (p95, PG16, v4.2); a system may go by another of its names (ALIASES). A
team is a name in lower case too, by the word beside "team" or after "команда" ("the
platform team", "отдел продаж"), unless that word is an ordinary one ("the whole team",
"с командой быстрее"). The common-word lists keep a review's ordinary vocabulary (PR, CI,
Monday, deploy) from being read as names.
"""

import functools
import re

from ..words import TRANSLIT as _TRANSLIT
from ..words import english_stem, russian_stem

WORD_OR_TAG = re.compile(r"[#@][\w-]+|[^\W\d_][\w-]*")
LATIN_WORD = re.compile(r"[A-Za-z][\w-]*")
CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)
WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['’](?=[^\W\d_])|-(?=\w))*")
TAG = re.compile(r"(?<![\w&#@])[#@]\w[\w-]*")
# A word with a digit in it: p95, PG16, v4.2, prod-7, S3, E2E, k8s, OAuth2.
LABEL = re.compile(r"(?<![\w\x00#@-])[^\W\d_][\w]*(?:[.\-][\w]+)*")
VERSION = re.compile(r"(?<![\w.])[vV]?\d+(?:\.\d+){2,}(?![\w.])")
PERCENTILE = re.compile(
    r"(\d{2})(?:th|-?й|-?го|-?ого)?\s+(?:percentile|перцентил\w*|процентил\w*)", re.IGNORECASE
)
# One system under several names, each standing for the others as a word or in a label:
# "Postgres" for "PostgreSQL", "PG16" for "Postgres 16", "k8s" for "Kubernetes".
ALIASES = [
    ("pg", "postgres", "postgresql", "постгрес"),
    ("k8s", "kubernetes", "kube", "кубернетес", "кубер"),
    ("mongodb", "mongo", "монга"),
    ("elasticsearch", "elastic", "эластик"),
    ("rabbitmq", "rabbit", "кролик"),
    ("javascript", "js"),
    ("typescript", "ts"),
]
ALIAS_GROUP = {alias: group for group in ALIASES for alias in group}
_SENTENCE_END = ".!?…:;—–-•\n"
_OPENERS = "\"'«»“”„(‘’[ \t\u00a0"
_ORG_EN = r"(?:team|squad|guild|group|org|department|crew|chapter|tribe)"
ORG_AFTER = re.compile(rf"\s+{_ORG_EN}\b")
ORG_BEFORE = re.compile(r"(?:команд[аеуыойю]{1,3}|отдел[аеуом]{0,2}|групп[аеуыойю]{1,3})\s+$")
# A team named in lower case: "the platform team", "командой поддержки".
ORG_WORD_EN = re.compile(rf"(?<![\w-]){_ORG_EN}s?(?![\w-])")
ORG_WORD_RU = re.compile(
    r"(?<![\w-])(?:команд[аеуыойю]{0,3}|отдел(?:[аеуы]|ом|ов|ам|ами|ах)?|групп[аеуыойю]{1,3})"
    r"(?![\w-])",
    re.IGNORECASE,
)
# Before a team word, what names no team: "the whole team", "my team", "a new squad". A
# lower-case name is read only after one of these (or "with", "for"…), so "to boost team
# morale" names nobody.
ORDINARY_BEFORE_TEAM = {
    "the", "a", "an", "our", "my", "your", "his", "her", "their", "its", "this", "that",
    "these", "those", "whole", "entire", "full", "every", "each", "any", "some", "same",
    "other", "another", "new", "old", "former", "current", "own", "small", "big", "large",
    "tiny", "core", "extended", "wider", "broader", "local", "remote", "distributed",
    "cross-functional", "dedicated", "virtual", "project", "weekly", "daily", "monthly",
    "quarterly", "right", "first", "next", "previous", "growing", "great", "strong",
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
}  # fmt: skip
# "A security group", "the consumer group": groups of things, not of people.
THINGS_BEFORE_GROUP = {
    "security", "resource", "consumer", "node", "scaling", "auto-scaling", "autoscaling",
    "target", "log", "user", "working", "focus", "control", "test", "parameter", "subnet",
    "placement", "instance", "release", "build", "feature", "product", "age", "peer",
}  # fmt: skip
INTRO_BEFORE_TEAM = {"with", "for", "from", "and", "by", "alongside", "across"}
# After a team word, what names no team: "с командой быстрее", "команда наша", "в команде из
# пяти"; a verb ("командой переехали"), an adverb ("командой быстро"), a pronoun.
ORDINARY_AFTER_TEAM = {
    "и", "а", "но", "или", "в", "во", "на", "с", "со", "по", "из", "для", "о", "об", "от",
    "до", "за", "над", "под", "при", "к", "ко", "у", "через", "без", "про", "после",
    "перед", "между", "вместе", "также", "тоже", "уже", "ещё", "еще", "снова", "опять", "не",
    "ни", "же", "ли", "бы", "это", "этой", "этого", "эту", "этим", "её", "ее", "его", "их",
    "мне", "меня", "нам", "нас", "им", "ним", "ней", "нее", "неё", "всей", "вся", "весь",
    "всё", "все", "всех", "всем", "целиком", "сразу", "вчера", "сегодня", "завтра",
    "теперь", "сейчас", "потом", "затем", "лучше", "больше", "меньше", "раньше", "позже",
    "чаще", "реже", "проекта", "проектов", "продукта", "компании", "разработчиков",
    "инженеров", "специалистов", "сотрудников", "людей", "человек", "коллег", "который",
    "которая", "которой", "которую", "которые", "которых", "где", "когда", "как", "что",
    "чтобы",
}  # fmt: skip
_RU_NOT_A_NAME = re.compile(
    r"(?:наш|ваш)[а-яё]*|(?:мо|тво|сво)(?:й|я|ё|е|ю|и|ей|его|ему|им|их|ими)|[а-яё]*(?:[иеыуя]ла|[аиеыуя]ли|л[ои]сь|лся|ть|ться|ся|сь"
    r"|йти|[^о]сти|чь|ешь|ишь|ете|ите|ют|ят|[аеиоуя]ем|о|ее)"
)
_WORDS_BEFORE = re.compile(r"(?<![\w'’-])((?:[^\W\d_][\w'’-]*[ \u00a0]+){1,3})$")
_WORDS_AFTER = re.compile(r"[ \u00a0]+([а-яё][а-яё-]*)(?:[ \u00a0]+([а-яё][а-яё-]*))?")
_RU_ADJECTIVE = re.compile(r"[а-яё]+(?:ой|ей|ого|его|ых|их|ую|юю|ая|яя|ый|ий|ое|ее|ым|им)")
AND_I = re.compile(r"\s+(?:and|&)\s+I\b|\s+и\s+я\b")
# A review's ordinary vocabulary: capitalised or Latin, yet not a name to check.
COMMON_ACRONYMS = {
    "pr", "prs", "mr", "mrs", "ci", "cd", "api", "apis", "ui", "ux", "qa", "okr", "okrs", "kpi",
    "kpis", "sla", "slas", "slo", "slos", "sli", "slis", "pto", "eta", "mvp", "poc", "rfc",
    "rfcs", "adr", "adrs", "tl", "em", "pm", "hr", "id", "ids", "db", "ok", "faq", "todo",
    "wip", "eod", "asap", "tbd", "json", "yaml", "csv", "pdf", "http", "https", "url", "urls",
    "html", "css", "cli", "бд", "тз", "ит", "по", "пр", "мр",
}  # fmt: skip
COMMON_CAPITALISED = {
    "i", "i'm", "i’m", "i've", "i’ve", "i'd", "i’d", "i'll", "i’ll", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday", "я",
}  # fmt: skip
LATIN_JARGON = {
    "review", "code", "deploy", "release", "merge", "commit", "hotfix", "fix", "bug", "bugs",
    "backlog", "sprint", "standup", "stand-up", "retro", "demo", "on-call", "oncall", "pull",
    "request", "requests", "feature", "flag", "flags", "flaky", "onboarding", "postmortem",
    "post-mortem", "runbook", "dashboard", "pipeline", "rollout", "rollback", "staging",
    "prod", "production", "backend", "frontend", "test", "tests", "lead", "team", "tech",
    "one-on-one", "legacy", "mock", "sync", "design", "doc", "docs", "ok", "e2e",
}  # fmt: skip


@functools.cache
def name_key(word: str) -> str:
    """A name as compared across rewrites: lower case, stemmed ("Олегом" → "олег")."""
    word = word.lower().replace("ё", "е")
    if word[0] in "#@":
        return word
    word = re.sub(r"['’]s?$", "", word)
    return (russian_stem if CYRILLIC.search(word) else english_stem)(word)


@functools.cache
def skeleton(word: str) -> str:
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


def word_keys(word: str) -> set[str]:
    """A source word's keys: the whole, and its parts ("Docker-образ", "Oleg's")."""
    keys = {name_key(word)}
    for part in re.split("[-'’]", word):
        if part:
            keys.add(name_key(part))
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


def at_sentence_start(text: str, position: int) -> bool:
    before = text[:position].rstrip(_OPENERS)
    return not before or before[-1] in _SENTENCE_END


def lower_team_en(text: str, team_start: int) -> tuple[int, list[str]]:
    """The lower-case name before a team word at `team_start` ("the data platform team":
    "data", "platform"), with where it starts; none when the words before it name no team."""
    before = _WORDS_BEFORE.search(text, max(0, team_start - 80), team_start)
    if not before:
        return team_start, []
    words = before.group(1).split()
    if text.startswith("group", team_start) and words[-1].lower() in THINGS_BEFORE_GROUP:
        return team_start, []
    names: list[str] = []
    while words and len(names) < 2:
        word = words[-1]
        if not word[0].islower() or word in ORDINARY_BEFORE_TEAM or word in INTRO_BEFORE_TEAM:
            break
        names.insert(0, words.pop())
    if (
        not names
        or not words
        or (words[-1].lower() not in ORDINARY_BEFORE_TEAM | INTRO_BEFORE_TEAM)
    ):
        return team_start, []
    start = text.rindex(names[0], 0, team_start)
    return start, names


def lower_team_ru(text: str, team_end: int) -> tuple[int, list[str]]:
    """The lower-case name after a Russian team word ending at `team_end` ("командой
    поддержки", "команды мобильной разработки"), with where it ends; none when the word after
    it is no name (a preposition, a verb, an adverb, a pronoun)."""
    after = _WORDS_AFTER.match(text, team_end)
    if not after:
        return team_end, []

    def a_name(word: str) -> bool:
        return word not in ORDINARY_AFTER_TEAM and not _RU_NOT_A_NAME.fullmatch(word)

    first, second = after.group(1), after.group(2)
    if not a_name(first):
        return team_end, []
    if second and _RU_ADJECTIVE.fullmatch(first) and a_name(second):
        return after.end(2), [first, second]
    return after.end(1), [first]


def label_key(label: str) -> str:
    return re.sub(r"[-_\s]", "", label.lower())


def is_namelike(word: str, cyrillic_text: bool) -> bool:
    """Capitalised, or a Latin word in Cyrillic text."""
    return word[0].isupper() or (cyrillic_text and bool(re.match("[A-Za-z]", word)))
