"""Words, names and labels: how a text's names are found and how they compare.

A name (a person, team, system, #tag, @handle) compares by its stem, so that a declined
Russian name is still the name ("Олегом" is "Олег"), and by its consonants in Latin letters,
so that one written in the other script is too ("Павлом" and "Pavel"). A label is a word
with a digit in it (p95, PG16, v4.2). The common-word lists keep a review's ordinary
vocabulary (PR, CI, Monday, deploy) from being read as names.
"""

import functools
import re

import snowballstemmer

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
# Both ways: "PG16" for "Postgres 16", "k8s" for "Kubernetes".
LABEL_ALIASES = {"pg": ("postgres", "postgresql", "постгрес"), "k8s": ("kubernetes",)}
ALIAS_OF = {alias: short for short, aliases in LABEL_ALIASES.items() for alias in aliases}
_SENTENCE_END = ".!?…:;—–-•\n"
_OPENERS = "\"'«»“”„(‘’[ \t\u00a0"
ORG_AFTER = re.compile(r"\s+(?:team|squad|guild|group|org|department|crew|chapter|tribe)\b")
ORG_BEFORE = re.compile(r"(?:команд[аеуыойю]{1,3}|отдел[аеуом]{0,2}|групп[аеуыойю]{1,3})\s+$")
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
def name_key(word: str) -> str:
    """A name as compared across rewrites: lower case, stemmed ("Олегом" → "олег")."""
    word = word.lower().replace("ё", "е")
    if word[0] in "#@":
        return word
    word = re.sub(r"['’]s?$", "", word)
    return (_RUSSIAN if CYRILLIC.search(word) else _ENGLISH).stemWord(word)


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


def label_key(label: str) -> str:
    return re.sub(r"[-_\s]", "", label.lower())


def is_namelike(word: str, cyrillic_text: bool) -> bool:
    """Capitalised, or a Latin word in Cyrillic text."""
    return word[0].isupper() or (cyrillic_text and bool(re.match("[A-Za-z]", word)))
