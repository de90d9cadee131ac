"""How good the draft without AI is, on journals whose projects are known.

Run from the repository root:

    .venv/bin/python bench/offline_quality.py [--runs 20]

For each test journal of perf/tests/journals (a half-year, Russian and English, routine
that repeats, no goals defined) it prints, for the engineer's and the manager's draft:
- purity and completeness of the groups against the known projects (targets: ≥ 0.9 and
  ≥ 0.8; routine counts as a project whose group is Routine work, "Other work" is left
  out of purity; perf/tests/journals/__init__.py says exactly how);
- repeated points (same normalised text), facts cited by two points or by none, and
  routine facts shown as outcomes (target: 0 each);
- the groups' titles.
The untuned journals (perf.tests.journals.UNTUNED: a quarter, Russian and English mixed)
are printed the same way but not held to the targets: nobody tuned on them.
Then the time of the offline draft alone (no database) for 600 entries, p50 and p95 over
--runs: the two journals and a noisy copy of them (two words of other facts added to each,
so that no copy collapses into the original). bench/summary.py times the whole generation.
"""

import argparse
import random
import statistics
import time

from throwaway import start_django


def noisy_600(journals):
    from perf.llm.schemas import EntryData, SummaryRequest

    rng = random.Random(20261201)
    base = [entry for request, _ in journals for entry in request.entries]
    words = [word for entry in base for word in entry.text.split() if len(word) > 4]
    entries = []
    for copy in range(2):
        for entry in base:
            text = entry.text if copy == 0 else f"{entry.text} {' '.join(rng.sample(words, 2))}"
            entries.append(
                EntryData(ref=f"E{len(entries) + 1}", date=entry.date, type=entry.type, text=text)
            )
    entries = entries[:600]
    return SummaryRequest(
        period_start=min(entry.date for entry in entries),
        period_end=max(entry.date for entry in entries),
        role="engineer",
        language="en",
        entries=entries,
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=20, help="timed drafts of 600 entries (20)")
    args = parser.parse_args()

    start_django()
    from perf.llm import offline
    from perf.llm.offline import words
    from perf.tests.journals import JOURNALS, UNTUNED, load, score

    journals = [load(name) for name in JOURNALS]
    print(f"{'journal':<14} {'role':<9} {'facts':>5} {'purity':>6} {'compl.':>6} {'groups':>6} "
          f"{'repeats':>7} {'twice':>5} {'uncited':>7} {'routine*':>8} {'ms':>6}")  # fmt: skip
    verdicts = []
    names = JOURNALS + UNTUNED
    for name, (request, labels) in zip(names, journals + [load(n) for n in UNTUNED], strict=True):
        for role in ("engineer", "manager"):
            request.role = role
            started = time.perf_counter()
            result = offline.summarize(request)
            elapsed = time.perf_counter() - started
            s = score(result, request, labels)
            facts = sum(1 for entry in request.entries if entry.type == "fact")
            print(
                f"{name:<14} {role:<9} {facts:5d} {s['purity']:6.3f} {s['completeness']:6.3f} "
                f"{s['groups']:6d} {s['repeated_points']:7d} {s['facts_cited_twice']:5d} "
                f"{s['facts_not_cited']:7d} {s['routine_outcomes']:8d} {elapsed * 1000:6.1f}"
            )
            met = (
                s["purity"] >= 0.9
                and s["completeness"] >= 0.8
                and not (s["repeated_points"] or s["facts_cited_twice"] or s["routine_outcomes"])
            )
            if name in JOURNALS:
                verdicts.append(met)
            elif not met:
                print(f"  {name} is untuned: it misses the targets (not counted below)")
        request.role = "engineer"
        print("  titles:", " | ".join(goal.title for goal in offline.summarize(request).goals))
    print("(routine*: routine facts shown as outcomes)")
    print("targets on the tuned journals (purity ≥ 0.9, completeness ≥ 0.8, nothing repeated, "
          "no routine outcome):",
          "ok" if all(verdicts) else "MISSED")  # fmt: skip

    request = noisy_600(journals)
    timings = []
    for _ in range(args.runs):
        words.base_of.cache_clear()  # each run stems its words afresh, as a new process would
        started = time.perf_counter()
        offline.summarize(request)
        timings.append(time.perf_counter() - started)
    p50 = statistics.median(timings)
    p95 = statistics.quantiles(timings, n=20)[-1] if len(timings) > 1 else timings[0]
    print(
        f"600 entries ({sum(e.type == 'fact' for e in request.entries)} facts), offline draft "
        f"alone: p50 {p50 * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms over {args.runs} runs"
    )


if __name__ == "__main__":
    main()
