"""The weekly route writes four weeks at once, each grounding its answer in its own thread:
stemming there must not mix one thread's word into another's."""

import concurrent.futures

from perf.llm.words import english_stem, russian_stem

ENDINGS = ["ами", "ого", "ему", "ыми", "ениями", "ировать", "ованием", "ующих"]
ROOTS = ["перенос", "миграц", "развёртыван", "дежурств", "наставничеств", "релиз", "отчёт"]


def words(thread: int) -> list[str]:
    # Distinct words per thread, so that no answer comes from another thread's cached one.
    return [
        f"{root}{'х' * (n % 7)}{thread}{ending}"
        for n in range(300)
        for root in ROOTS
        for ending in ENDINGS
    ]


def test_stemming_from_four_threads_at_once_gives_the_stems_of_one_thread():
    alone = {
        thread: [russian_stem.__wrapped__(word) for word in words(thread)] for thread in range(4)
    }
    russian_stem.cache_clear()
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        stems = pool.map(lambda thread: [russian_stem(word) for word in words(thread)], range(4))
        together = dict(enumerate(stems))
    assert together == alone


def test_english_words_stem_as_the_snowball_stemmer_says():
    assert [english_stem(word) for word in ["deployments", "migrated", "reviewing"]] == [
        "deploy",
        "migrat",
        "review",
    ]
