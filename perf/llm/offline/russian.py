"""Russian word forms for a title, without a morphology library (pymorphy2 does not run on
Python 3.11+): whether a form is an adjective, and the nominative a heading wants
("инцидента" → "инцидент", "мобильного API" → "мобильное API", "финансовых отчётов" →
"финансовые отчёты").

The endings say most of it; the other forms the journal writes of the same word say the
rest: a masculine noun shows its bare form ("настроил дашборд") or -ом/-ов, a feminine
one never does. A wrong guess gives an odd ending, never another word.
"""

import functools
import re

CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)

# Endings only an adjective has (a noun ending in -ие after н, т is a noun: "обновление").
ADJECTIVE = re.compile(
    r"(?:ый|ая|яя|ое|ые|ого|его|ому|ему|ыми|ими|ых|ым|ую|юю|[гкхжшчщ](?:ий|ие|их|им))$"
)
# Endings an adjective may have, but a noun too ("базой", "сервисом"): an adjective only
# where the word shows an ending of the first kind on the same stem.
MAYBE_ADJECTIVE = re.compile(r"(?:ой|ом|ем|ий|ие|им|их|ее|ей)$")
ADJECTIVE_ENDING = re.compile(
    r"(?:ыми|ими|ого|его|ому|ему|ый|ий|ой|ая|яя|ое|ее|ые|ие|ым|им|ом|ем|ую|юю|ых|их|ей)$"
)
NOUN_ENDING = re.compile(
    r"(?:ами|ями|иями|ией|иям|иях|ием|ов|ев|ей|ам|ям|ах|ях|ом|ем|ой|ою|ью|ию|ии|а|я|у|ю|е|ы|и)$"
)
PLURAL = re.compile(r"(?:ов|ев|ей|ам|ям|ах|ях|ами|ями)$")
MASCULINE = re.compile(r"(?:ом|ов)$")  # endings of a masculine (or neuter) noun only
VOWEL = re.compile("[аеёиоуыэюя]$")
ADJECTIVE_NOMINATIVE = {
    # gender or number: hard stem, г/к/х, ж/ш/ч/щ, soft stem
    "m": ("ый", "ий", "ий", "ий"),
    "f": ("ая", "ая", "ая", "яя"),
    "n": ("ое", "ое", "ее", "ее"),
    "p": ("ые", "ие", "ие", "ие"),
}


def is_russian(word: str) -> bool:
    return bool(CYRILLIC.search(word))


def _key(word: str) -> str:
    return word.lower().replace("ё", "е")


def _adjective_stem(word: str) -> str:
    return ADJECTIVE_ENDING.sub("", word)


@functools.lru_cache(maxsize=20_000)
def is_adjective(word: str, forms: frozenset = frozenset()) -> bool:
    """Whether this form is an adjective's: by its ending, or by an ambiguous ending and
    another form of the same stem that only an adjective has ("платёжной" beside
    "платёжного")."""
    lowered = word.lower()
    if not is_russian(lowered) or len(lowered) < 4:
        return False
    if ADJECTIVE.search(lowered):
        return True
    if not MAYBE_ADJECTIVE.search(lowered):
        return False
    stem = _key(_adjective_stem(lowered))
    return any(
        ADJECTIVE.search(_key(form)) and _key(_adjective_stem(form.lower())) == stem
        for form in forms
    )


def _noun_split(word: str) -> tuple[str, str]:
    """The stem and the case ending of a noun's form, keeping a stem of three letters."""
    match = NOUN_ENDING.search(word)
    if not match or match.start() < 3:
        return word, ""
    return word[: match.start()], match.group()


def nominative(word: str, forms=()) -> str:
    """A noun's nominative, in the number of the form given: the form itself where it is
    one ("инцидент", "миграция", "алерты"), the bare form where the journal writes it,
    else the stem with the ending its other forms point to."""
    if not is_russian(word):
        return word
    lowered = word.lower()
    stem, ending = _noun_split(lowered)
    family = {_key(form) for form in forms} | {_key(lowered)}
    key = _key(stem)
    same = {form[len(key) :] for form in family if form.startswith(key)}
    if not ending and lowered.endswith("ий") and not lowered.endswith("рий"):
        # A genitive plural of -ие, -ия ("событий", "миграций"): the nominative plural the
        # journal writes of the same stem, however rarely ("события"). A masculine -ий
        # ("сценарий", "критерий") is a nominative already: its plural genitive is -иев.
        if key[:-1] + "ев" not in family:
            for plural in ("я", "и"):
                if key[:-1] + plural in family:
                    return lowered[:-1] + plural
    if not ending:
        if not same & {"ом", "ов"} and not VOWEL.search(lowered):
            # A genitive plural of a feminine noun ("от трёх команд") or a masculine
            # nominative ("отчёт"): the nominative plural the journal writes reads right
            # either way ("команды"); a noun shown feminine ("командой") is singular.
            if same & {"ой", "ою"}:
                return stem + "а"
            for plural in ("ы", "и"):
                if plural in same:
                    return stem + plural
        return lowered  # a bare stem, -ь, -й, -о: the nominative already
    masculine = "" in same or any(MASCULINE.fullmatch(e) for e in same)
    if ending in ("ы", "и") and not same & {"ой", "ою"}:
        # A plural ("алерты", "инциденты") or a feminine noun's genitive: the nominative
        # plural reads right either way. A noun shown feminine ("базой") is singular below.
        return lowered
    if ending in ("ия", "ие"):
        return lowered
    if ending.startswith("и") and ending not in ("и",):
        # миграции → миграция, обновлении → обновление (-ние, -тие are neuter)
        return stem + ("ие" if stem.endswith(("н", "т")) else "ия")
    soft = ending[0] in "яюеи" and not stem.endswith(tuple("гкхжшчщц"))
    if PLURAL.search(ending) and len(ending) >= 2:
        plural = "и" if soft or stem.endswith(tuple("гкхжшчщ")) else "ы"
        return stem + plural
    if masculine:
        if soft and ending in ("я", "ю", "ем", "е"):
            return stem + ("й" if VOWEL.search(stem) else "ь")
        return stem
    if ending == "ью" or "ью" in same:
        # A feminine noun in -ь ("очередью"), unless it is an indeclinable from "-view"
        # ("ревью", "интервью") the journal shows no other form of: as written.
        if lowered.endswith("вью") and not same & {"ь", "и", "ей", "ям", "ями", "ях"}:
            return lowered
        return stem + "ь"
    return stem + ("я" if soft else "а")


def gender(noun: str) -> str:
    """The gender ("m", "f", "n") or the plural ("p") of a noun in the nominative, for an
    adjective to agree with. A Latin acronym is neuter ("API"), another Latin word
    masculine ("pipeline"), as Russian treats them."""
    if not is_russian(noun):
        return "n" if noun.isupper() else "m"
    lowered = noun.lower()
    if re.search(r"[^аеиоуыэюя][ыи]$", lowered) and len(lowered) > 3:
        return "p"
    if lowered.endswith(("мя",)):
        return "n"
    if lowered.endswith(("а", "я", "ь")):
        return "f"
    if lowered.endswith(("о", "е")):
        return "n"
    return "m"


def agree(adjective: str, agreeing: str, forms=()) -> str:
    """An adjective in the nominative agreeing with `agreeing` ("m", "f", "n", "p"): a
    form the journal writes when it is one, else the stem with the ending."""
    lowered = adjective.lower()
    stem = _adjective_stem(lowered)
    ending = lowered[len(stem) :]
    if stem.endswith(("г", "к", "х")):
        kind = 1
    elif stem.endswith(("ж", "ш", "ч", "щ")):
        kind = 2
    elif ending[:1] in ("е", "я", "ю") or ending in ("им", "их", "ими", "ий", "ие"):
        kind = 3
    else:
        kind = 0
    return stem + ADJECTIVE_NOMINATIVE[agreeing][kind]


def heading(words: list[str], forms: dict) -> str:
    """A phrase of a fact's words as a heading, its head in the nominative: an adjective
    and its noun agree ("мобильного API" → "мобильное API"); a noun leads what follows it
    as written ("отчёта по выручке" → "отчёт по выручке"). forms: each word's other forms
    in the journal. None when the phrase makes no heading (it ends in an adjective)."""
    if not any(is_russian(word) for word in words):
        return " ".join(words)
    forms = {word: frozenset(others) for word, others in forms.items()}
    kinds = [is_adjective(word, forms.get(word, ())) for word in words]
    if kinds[-1]:
        return None
    if kinds[0]:
        # Adjectives up to the first noun agree with it; the rest stays as written.
        head = kinds.index(False)
        noun = nominative(words[head], forms.get(words[head], ()))
        agreeing = gender(noun)
        if PLURAL.search(words[head].lower()) and is_russian(words[head]):
            agreeing = "p"
        lead = [agree(word, agreeing, forms.get(word, ())) for word in words[:head]]
        return " ".join([*lead, noun, *words[head + 1 :]])
    return " ".join([nominative(words[0], forms.get(words[0], ())), *words[1:]])
