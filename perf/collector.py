"""The worker's garbage collector, set once the worker has started.

A summary run makes some hundred thousand objects that live for the run (rows, points,
grounding), so Python's collector runs full collections during it, each walking every
object of the process, the ~280,000 of Django and the apps included: about 40 ms of the
p50 of an offline half-year summary of 3,000 entries, and up to 300 ms of its p95
(bench/summary.py, 2026-12-02). Frozen once started, those are never walked again; and
with young collections a fifth as often, fewer survivors reach the old generations. The
same half-year: p50 419-437 ms and p95 521-557 against 446-494 and 738-749 with Python's
settings, 7 runs each, twice (SQLite).
"""

import gc

YOUNG_THRESHOLD = 10_000  # Python's is 2,000 allocations


def settle() -> None:
    """Freeze what the process holds now and collect the young generation less often."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(YOUNG_THRESHOLD, *gc.get_threshold()[1:])


def restore() -> None:
    """Python's own settings again (for a benchmark's comparison)."""
    gc.unfreeze()
    gc.set_threshold(2000, 10, 10)
