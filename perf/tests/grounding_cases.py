"""The grounding corpus (grounding_corpus.json), read into the cases that
perf/tests/test_grounding_corpus.py and bench/grounding.py check.

INVENTIONS and FAITHFUL are lists of dicts, batch after batch as the file gives them:
category, language, claim, entries as (datetime.date, text) tuples, known_names where a case
has them and, for an invention, what was invented. Plain json and datetime, so the benchmark
needs no Django setup.
"""

import datetime
import json
from pathlib import Path

CORPUS = Path(__file__).with_name("grounding_corpus.json")


def _case(case: dict) -> dict:
    entries = [(datetime.date.fromisoformat(day), text) for day, text in case["entries"]]
    return {**case, "entries": entries}


def _load() -> tuple[list[dict], list[dict]]:
    batches = json.loads(CORPUS.read_text(encoding="utf-8"))["batches"]
    inventions = [_case(case) for batch in batches for case in batch["inventions"]]
    faithful = [_case(case) for batch in batches for case in batch["faithful"]]
    return inventions, faithful


INVENTIONS, FAITHFUL = _load()
