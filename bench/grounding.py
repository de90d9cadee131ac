"""How well the honesty check catches inventions, and what one check costs.

Run from the repository root:

    .venv/bin/python bench/grounding.py [--runs 30]

It runs perf.llm.grounding.unsupported_claims over the corpus in
perf/tests/grounding_corpus.json (planted inventions and faithful rewrites, Russian and
English, each with its cited entries) and prints:
- the caught rate (inventions flagged; target: at least 95%), how many of the flagged ones
  name what was planted, and the false-flag rate (faithful rewrites flagged; target: at
  most 5%), overall, per language and per category, with the cases it got wrong;
- the time per check, p50 and p95 over `--runs` passes of the corpus, and the time of a
  narrative checked against 40 cited entries (what `ground` does once per summary); each
  with the entries read fresh (their reading cache cleared first) and read before (a
  summary reads an entry for its point, then again for the context and the narrative).

No database and no Django setup: the check is plain functions on plain data.
"""

import argparse
import collections
import datetime
import statistics
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from perf.llm.grounding import Source, unsupported_claims  # noqa: E402
from perf.llm.grounding.claims import text_evidence  # noqa: E402
from perf.tests.grounding_cases import FAITHFUL, INVENTIONS  # noqa: E402


def check(case) -> list[str]:
    sources = [Source(text, date) for date, text in case["entries"]]
    return unsupported_claims(case["claim"], sources, case.get("known_names", ()))


def percent(part: int, whole: int) -> str:
    return f"{part}/{whole} ({100 * part / whole:.1f}%)" if whole else "0/0"


def quantile(samples: list[float], q: float) -> float:
    return statistics.quantiles(samples, n=100, method="inclusive")[int(q * 100) - 1]


def rates():
    flagged = {id(case): check(case) for case in INVENTIONS + FAITHFUL}
    caught = [case for case in INVENTIONS if flagged[id(case)]]
    named = [
        case
        for case in caught
        if all(
            any(planted in item or item in planted for item in flagged[id(case)])
            for planted in case["invented"]
        )
    ]
    false_flags = [case for case in FAITHFUL if flagged[id(case)]]
    print(f"Inventions flagged:       {percent(len(caught), len(INVENTIONS))}   target ≥ 95%")
    print(f"  naming what was planted: {percent(len(named), len(caught))}")
    print(f"Faithful rewrites flagged: {percent(len(false_flags), len(FAITHFUL))}   target ≤ 5%")

    for title, cases, hits in (
        ("Inventions caught", INVENTIONS, caught),
        ("Faithful rewrites flagged", FAITHFUL, false_flags),
    ):
        hit_ids = {id(case) for case in hits}
        print(f"\n{title}, by language and category:")
        groups = collections.defaultdict(list)
        for case in cases:
            groups[("language", case["language"])].append(case)
        for case in cases:
            groups[("category", case["category"])].append(case)
        for (kind, name), group in groups.items():
            count = sum(id(case) in hit_ids for case in group)
            print(f"  {kind:8} {name:28} {count:3}/{len(group)}")

    for title, cases in (
        ("Missed inventions", [c for c in INVENTIONS if c not in caught]),
        ("Flagged but not what was planted", [c for c in caught if c not in named]),
        ("False flags", false_flags),
    ):
        if cases:
            print(f"\n{title}:")
            for case in cases:
                print(f"  {case['claim']!r} → {flagged[id(case)]}")


def timed(runs: int, call, cold: bool) -> list[float]:
    samples = []
    for _ in range(runs):
        if cold:  # as the first check of an entry's text: nothing read yet
            text_evidence.cache_clear()
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def timing(runs: int):
    cases = INVENTIONS + FAITHFUL
    # A narrative against the entries a half-year review cites.
    day = datetime.date(2026, 1, 5)
    cited = [
        Source(case["entries"][0][1], day + datetime.timedelta(days=i))
        for i, case in enumerate((FAITHFUL * 2)[:40])
    ]
    narrative = (
        "Over the half-year I moved billing events to Kafka, cutting lag from 40 s to 2 s, "
        "upgraded the reporting database to PG16 and worked with Oleg and the Platform team "
        "on the new base image; CI went from 20 to 8 minutes and the load test held 12k "
        "requests per minute. В марте перевёл стенды на spot-инстансы и сэкономил 120 000 ₽."
    )
    print(f"\nTime per check, p50 / p95 over {runs} runs of {len(cases)} claims:")
    for cold in (True, False):
        samples = [
            sample for case in cases for sample in timed(runs, lambda case=case: check(case), cold)
        ]
        label = "entries read fresh " if cold else "entries read before"
        print(f"  {label}  {quantile(samples, 0.5):.3f} ms / {quantile(samples, 0.95):.3f} ms")
    print("A narrative against 40 cited entries:")
    for cold in (True, False):
        samples = timed(runs, lambda: unsupported_claims(narrative, cited), cold)
        label = "entries read fresh " if cold else "entries read before"
        print(f"  {label}  {quantile(samples, 0.5):.2f} ms / {quantile(samples, 0.95):.2f} ms")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30, help="passes over the corpus (30)")
    args = parser.parse_args()
    rates()
    timing(max(args.runs, 2))


if __name__ == "__main__":
    main()
