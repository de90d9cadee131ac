"""What a perf summary costs beyond the model: offline draft and Anthropic (fake server).

Run from the repository root:

    .venv/bin/python bench/summary.py [--entries 600] [--runs 5] [--offline-entries 3000]

It seeds a half-year journal (about 600 entries, Russian and English, some linked to goals
by #tag) in a throwaway SQLite test database (or, with DATABASE_URL set to PostgreSQL, a
test_<name> database beside that one), then generates summaries through the real service
(perf.services.run_summary):
- offline, on a half-year of 3,000 entries of another user (--offline-entries): the whole
  generation's wall time, p50 and p95 over --offline-runs (target: under 0.5 s), the first
  run apart (the word caches empty, as in a fresh worker), the runs as a ratio to a fixed
  workload timed after each (the machine's speed just then), and the runs with the word
  caches cleared before each, against those with them kept: what stemming each word once
  per process saves; the time in the garbage collector. The runs have the worker's
  collector (perf/collector.py: start-up objects frozen, young collections less often),
  and are timed again with Python's own settings beside them;
- offline on the 600: the same, p50 and p95 over --runs;
- anthropic, the real SDK against perf/tests/fake_llm.py on localhost: wall time, and the
  app's own time around the LLM call = wall time minus the time inside the SDK's HTTP call
  (target: under 150 ms);
- prompt size against the entries' own text: the model has to read each entry once, so the
  floor is the entries' text; target: prompt ≤ 1.1 × entries + the fixed instruction block
  (the system prompt and headers of a request with no entries). Tokens are counted with a
  real BPE tokenizer, Claude's older public one that anthropic 0.34.2 shipped (fetched
  once from PyPI into bench/results/, read with the `tokenizers` package of
  requirements-dev.txt), and also estimated as words and punctuation marks;
- SQL queries of a generation.
"""

import argparse
import datetime
import gc
import os
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

from throwaway import postgres_url, start_django, test_database

REPO_ROOT = Path(__file__).resolve().parent.parent
TOKEN = re.compile(r"\w+|[^\w\s]")

NOTES = [
    ("fact", "Перевёл события биллинга на Kafka #billing, задержка с {a} с до {b} с"),
    ("fact", "Починил утечку памяти в воркере отчётов: RSS с {a} ГБ до {b} МБ"),
    ("fact", "Провёл ревью {a} PR в платёжном сервисе"),
    ("fact", "Reviewed the rollout plan for search v{a} with the SRE team #search"),
    ("fact", "Cut CI time from {a} to {b} minutes by caching wheels"),
    ("fact", "Провёл собеседование с кандидатом в бэкенд #hiring"),
    ("fact", "Mentored a new engineer on the deploy pipeline"),
    ("fact", "Настроил алерты в Grafana на отставание консьюмеров #billing"),
    ("fact", "Fixed flaky test in the payments suite, {a} reruns a week less"),
    ("plan", "Дописать RFC по миграции на Kafka #billing"),
    ("plan", "Prepare the search relevance demo #search"),
    ("plan", "Созвониться с командой платформы про квоты"),
]


def estimate_tokens(text: str) -> int:
    return len(TOKEN.findall(text))


def claude_tokenizer():
    """Claude's older public BPE tokenizer, or None when it cannot be had (no PyPI)."""
    import subprocess
    import zipfile

    from tokenizers import Tokenizer

    cached = REPO_ROOT / "bench" / "results" / "claude-tokenizer.json"
    if not cached.exists():
        with tempfile.TemporaryDirectory() as folder:
            fetched = subprocess.run(
                [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                 "--disable-pip-version-check", "anthropic==0.34.2", "--dest", folder],
                capture_output=True,
            )  # fmt: skip
            wheels = list(Path(folder).glob("anthropic-*.whl"))
            if fetched.returncode or not wheels:
                return None
            cached.parent.mkdir(parents=True, exist_ok=True)
            with zipfile.ZipFile(wheels[0]) as wheel:
                cached.write_bytes(wheel.read("anthropic/tokenizer.json"))
    tokenizer = Tokenizer.from_file(str(cached))
    return lambda text: len(tokenizer.encode(text).ids)


def seed(user, count, today, rng):
    from journal.models import Entry
    from perf.models import Goal

    for title, slug in [
        ("Надёжный биллинг", "billing"),
        ("Search v2", "search"),
        ("Hiring", "hiring"),
    ]:
        Goal.objects.create(user=user, title=title, slug=slug)
    day = today - datetime.timedelta(days=182)
    for n in range(count):
        kind, template = rng.choice(NOTES)
        text = template.format(a=rng.randint(2, 60), b=rng.randint(1, 9))
        # save() keeps search_text and the #tag links: the same path as the app.
        Entry.objects.create(user=user, date=day + datetime.timedelta(days=n * 182 // count),
                             type=kind, text=text)  # fmt: skip


def fake_answer(request):
    facts = [entry for entry in request.entries if entry.type == "fact"]
    goals = []
    for goal in request.goals:
        cited = [entry.ref for entry in facts if goal.ref in entry.goal_refs][:12]
        if cited:
            goals.append(
                {
                    "goal_ref": goal.ref,
                    "title": goal.title,
                    "context": f"Work on {goal.title}.",
                    "context_refs": [],
                    "outputs": [{"text": "Delivered the planned work", "refs": cited[:6]}],
                    "outcomes": [
                        {"text": f"Finished {len(cited)} items", "refs": cited[6:] or cited}
                    ],
                }
            )
    return {"summary_text": "A half-year of steady delivery.", "goals": goals}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=600)
    parser.add_argument("--runs", type=int, default=5, help="generations per provider (5)")
    parser.add_argument("--offline-entries", type=int, default=3000)
    parser.add_argument("--offline-runs", type=int, default=9)
    args = parser.parse_args()

    postgres = postgres_url()
    start_django(**({"DATABASE_URL": postgres} if postgres else {}))
    from django.test.utils import setup_test_environment

    setup_test_environment(debug=False)
    with test_database() as vendor:
        print(f"Database: {vendor}")
        offline_half_year(args)
        measure(args)


def percentiles(walls) -> str:
    p95 = statistics.quantiles(walls, n=20)[-1] if len(walls) > 1 else walls[0]
    return f"p50 {statistics.median(walls) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms"


def fixed_workload() -> float:
    """Seconds for the same pure-Python work every time (about 50 ms on a quiet core),
    the collector held off: string and dict work, as drafting is."""
    gc.disable()
    try:
        started = time.perf_counter()
        for _ in range(3):
            words = {}
            for n in range(50_000):
                words[str(n * 7919 % 10_007)] = n
            sorted(words.items())
        return time.perf_counter() - started
    finally:
        gc.enable()


def offline_half_year(args):
    """The offline summary of a half-year of --offline-entries, timed whole."""
    from conftest import make_user
    from perf.llm import LLMConfig
    from perf.llm.offline.points import word_base
    from perf.llm.offline.words import base_of, is_verb
    from perf.llm.words import english_stem, russian_stem
    from perf.services.summaries import create_summary, run_summary

    caches = (word_base, base_of, is_verb, russian_stem, english_stem)
    user = make_user("offline", language="en")
    today = datetime.date(2026, 11, 24)
    seed(user, args.offline_entries, today, random.Random(20261125))
    start = today - datetime.timedelta(days=182)

    collecting, began = [], [0.0]  # seconds in the garbage collector, of the run timed

    def collector(phase, info):
        if phase == "start":
            began[0] = time.perf_counter()
        else:
            collecting.append(time.perf_counter() - began[0])

    cpu = []  # the process's CPU time of each run timed: what other load does not inflate
    floors = []  # a fixed workload timed after each run: how fast the machine was just then

    def timed(clear, collected=None):
        if clear:
            for cache in caches:
                cache.cache_clear()
        summary = create_summary(user, start=start, end=today, language="en")
        collecting.clear()
        started, started_cpu = time.perf_counter(), time.process_time()
        summary = run_summary(summary, LLMConfig(provider="offline"))
        wall = time.perf_counter() - started
        assert summary.status == "done", summary.error
        if collected is not None:
            collected.append(sum(collecting))
            cpu.append(time.process_time() - started_cpu)
            floors.append(fixed_workload())
        return wall

    for cache in caches:
        cache.cache_clear()
    # The runs as the worker makes them: its collector set once started (perf/collector.py).
    from perf import collector as worker_collector

    worker_collector.settle()
    gc.callbacks.append(collector)
    collected = []
    first = timed(clear=False, collected=collected)
    read = word_base.cache_info()
    warm = [timed(clear=False, collected=collected) for _ in range(args.offline_runs - 1)]
    gc.callbacks.remove(collector)
    cold = [timed(clear=True) for _ in range(max(3, args.offline_runs // 3))]
    # Beside them, the same runs with Python's collector as it starts.
    worker_collector.restore()
    python_gc = [timed(clear=False) for _ in range(args.offline_runs)]
    walls = [first, *warm]
    verdict = "ok" if statistics.median(walls) < 0.5 else "MISSED"
    print(f"Offline half-year, {args.offline_entries} entries, {start} – {today}:")
    print(f"  {percentiles(walls)} over {len(walls)} runs (target p50 < 500 ms: {verdict}); "
          f"the first, caches empty: {first * 1000:.1f} ms")  # fmt: skip
    ratios = [wall / floor for wall, floor in zip(walls, floors, strict=True)]
    print(f"  a fixed workload of pure Python after each run: {percentiles(floors)}; "
          f"the runs are p50 {statistics.median(ratios):.1f}× it (compare runs on a shared "
          "machine by this ratio: its speed changes within the hour)")  # fmt: skip
    print(f"  CPU time: {percentiles(cpu)} (the machine's load: "
          f"{' '.join(f'{n:.2f}' for n in os.getloadavg())})")  # fmt: skip
    print(f"  in the garbage collector: {percentiles(collected)}, most in full collections, "
          f"which walk all of the process's {len(gc.get_objects())} objects")  # fmt: skip
    print(f"  word caches cleared before each run: {percentiles(cold)} over {len(cold)} runs; "
          f"a run reads {read.hits + read.misses} words, {read.currsize} spellings of them "
          "(each stemmed once)")  # fmt: skip
    print("  (the worker's collector, perf/collector.py); with Python's own settings: "
          f"{percentiles(python_gc)} over {len(python_gc)} runs")  # fmt: skip


def measure(args):
    import anthropic
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from conftest import make_user
    from perf.llm import LLMConfig
    from perf.llm.prompts import system_prompt, user_prompt
    from perf.services.summaries import build_request, create_summary, run_summary
    from perf.tests.fake_llm import FakeLLM

    rng = random.Random(20261124)
    user = make_user("bench", language="en")
    today = datetime.date(2026, 11, 24)
    seed(user, args.entries, today, rng)
    start, end = today - datetime.timedelta(days=182), today

    # Prompt size against the entries' own text, by each way of counting.
    summary = create_summary(user, start=start, end=end, language="en")
    request, _, _ = build_request(summary)
    empty = request.model_copy(update={"entries": []})
    counters = {"words and marks": estimate_tokens}
    if tokenizer := claude_tokenizer():
        counters = {"Claude BPE": tokenizer, **counters}
    sizes = []
    for counter_name, count in counters.items():
        entries_tokens = sum(count(entry.text) for entry in request.entries)
        fixed_tokens = count(system_prompt(empty) + user_prompt(empty))
        prompt_tokens = count(system_prompt(request) + user_prompt(request))
        sizes.append((counter_name, prompt_tokens, entries_tokens, fixed_tokens))

    fake = FakeLLM().start()
    os.environ["ANTHROPIC_BASE_URL"] = fake.url
    http_time = []
    original_create = anthropic.resources.Messages.create

    def timed_create(self, *a, **kw):
        started = time.perf_counter()
        try:
            return original_create(self, *a, **kw)
        finally:
            http_time.append(time.perf_counter() - started)

    anthropic.resources.Messages.create = timed_create

    rows = []
    for provider in ("offline", "anthropic"):
        config = LLMConfig(provider=provider, anthropic_api_key="bench", max_retries=0)
        walls, own, queries = [], [], []
        for _ in range(args.runs):
            summary = create_summary(user, start=start, end=end, language="en")
            if provider == "anthropic":
                fake.answer(fake_answer(build_request(summary)[0]))
            http_time.clear()
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                run_summary(summary, config)
                wall = time.perf_counter() - started
            summary.refresh_from_db()
            assert summary.status == "done", summary.error
            walls.append(wall)
            own.append(wall - sum(http_time))
            queries.append(len(captured.captured_queries))
        rows.append((provider, statistics.median(walls), statistics.median(own), max(queries)))
        if provider == "offline":
            offline_walls = walls
    fake.stop()

    print(
        f"Journal: {len(request.entries)} entries over {start} – {end}, {len(request.goals)} goals"
    )
    print(f"{'provider':<10} {'wall ms':>9} {'app ms':>9} {'SQL':>5}  targets")
    for provider, wall, own, sql in rows:
        if provider == "offline":
            verdict = "ok" if wall < 0.5 else "MISSED"
            print(f"{provider:<10} {wall * 1000:9.1f} {'-':>9} {sql:5d}  wall < 500 ms: {verdict}")
        else:
            verdict = "ok" if own < 0.15 else "MISSED"
            timings = f"{wall * 1000:9.1f} {own * 1000:9.1f}"
            print(f"{provider:<10} {timings} {sql:5d}  app < 150 ms: {verdict}")
    print(f"offline wall: {percentiles(offline_walls)} over {len(offline_walls)} runs")
    if "Claude BPE" not in counters:
        print("(Claude's tokenizer could not be fetched from PyPI: words and marks only)")
    for counter_name, prompt_tokens, entries_tokens, fixed_tokens in sizes:
        allowed = 1.1 * entries_tokens + fixed_tokens
        verdict = "ok" if prompt_tokens <= allowed else "MISSED"
        print(
            f"prompt, {counter_name}: {prompt_tokens} tokens; entries' text {entries_tokens}; "
            f"fixed block {fixed_tokens}; (prompt - fixed) / entries = "
            f"{(prompt_tokens - fixed_tokens) / entries_tokens:.3f} (target 1.1: {verdict})"
        )


if __name__ == "__main__":
    main()
