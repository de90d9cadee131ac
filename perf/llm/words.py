"""What the offline draft and the honesty check share of words: the two snowball stemmers
and one Cyrillic → Latin table, so that a Russian word and its Latin spelling compare
("Павлом" and "Pavel", "кафка" and "kafka")."""

import functools
import threading

import snowballstemmer


class _Stemmers(threading.local):
    """A snowball stemmer keeps the word it works on in itself, so two threads sharing one
    (the weekly route writes four weeks at once) corrupt each other's words: IndexError
    mid-run. One pair per thread."""

    def __init__(self):
        self.russian = snowballstemmer.stemmer("russian")
        self.english = snowballstemmer.stemmer("english")


_STEMMERS = _Stemmers()


# Each word is stemmed once per process, not once per sentence that holds it.
@functools.lru_cache(maxsize=100_000)
def russian_stem(word: str) -> str:
    return _STEMMERS.russian.stemWord(word)


@functools.lru_cache(maxsize=100_000)
def english_stem(word: str) -> str:
    return _STEMMERS.english.stemWord(word)


# One table for both: the honesty check compares names by their consonants (ц → ts keeps
# "Цой" off "k"), and the draft's stems only need one Latin spelling per Cyrillic stem, so
# the vowels (ы → i, я → a, ю → u) may be plain. bench/grounding.py and
# bench/offline_quality.py rate the same with it as with the two tables it replaced.
TRANSLIT = str.maketrans(
    {
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
        "з": "z", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
        "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "h", "ц": "ts",
        "ч": "ch", "ш": "sh", "щ": "sch", "ъ": "", "ы": "i", "ь": "", "э": "e", "ю": "u",
        "я": "a",
    }
)  # fmt: skip
