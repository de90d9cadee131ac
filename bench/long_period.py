"""A year-long journal through weekly summaries: LLM calls, prompt tokens and memory.

Run from the repository root:

    .venv/bin/python bench/long_period.py [--entries 2100] [--budget 8000]

It seeds a year of entries (Russian and English, some linked to goals) in a throwaway
SQLite test database and writes its perf summary through the real service
(perf.services.run_summary) and the real anthropic SDK, against perf/tests/fake_llm.py on
localhost, which answers like a model that cites what it is sent:

1. first run with a small LLM_INPUT_BUDGET: every full week is summarised, then the year
   from the weekly summaries;
2. second run after editing one entry: target exactly one weekly call plus the final call;
3. a direct single-prompt run with a large budget: target, the first run's prompt tokens
   at most 1.3 x the direct run's.

Prompt tokens are counted on what reached the server, with Claude's public tokenizer when
bench/summary.py can fetch it (else estimated as words and marks). Peak memory is Python's
own allocations during each run (tracemalloc).
"""

import argparse
import datetime
import json
import os
import random
import re
import sys
import time
import tracemalloc
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT / "bench"))

from summary import NOTES, claude_tokenizer, estimate_tokens  # noqa: E402
from throwaway import start_django  # noqa: E402

REF = re.compile(r"^([ES]\d+) (?!plan: )")


def sent_refs(body) -> list[str]:
    from perf.tests.fake_llm import prompt_of

    lines = prompt_of(body).split("\n\n")[-1].splitlines()
    return [match[1] for line in lines if (match := REF.match(line))]


def fact_texts(body) -> dict:
    from perf.tests.fake_llm import prompt_of

    texts = {}
    for line in prompt_of(body).splitlines():
        if match := REF.match(line):
            texts[match[1]] = line[len(match[0]) :]
    return texts


def model_answer(body):
    """What a model would answer: a week in one cited point of about twenty words per goal
    (#tag) and one for the rest; a period as one goal citing what it was sent."""
    from perf.tests.fake_llm import Step, system_of

    texts = fact_texts(body)
    refs = list(texts)
    if "this week" in system_of(body):
        # As asked, a model groups a week's work by goal: one point per #tag (or goal link),
        # the untagged facts in one more.
        groups = {}
        for ref in refs:
            tag = re.search(r"#\w+|\(G\d+\)", texts[ref])
            groups.setdefault(tag[0] if tag else "", []).append(ref)
        chunks = list(groups.values())
        answer = {
            "bullets": [
                {"text": f"{texts[chunk[0]]}, with {len(chunk) - 1} more like it", "refs": chunk}
                for chunk in chunks
            ]
        }
    else:
        answer = {
            "summary_text": "A year of steady delivery.",
            "goals": [
                {
                    "goal_ref": None,
                    "title": "The year's work",
                    "context": "Work across billing, search and hiring.",
                    "context_refs": [],
                    "outputs": [{"text": "Delivered the planned work", "refs": refs[:200]}],
                    "outcomes": [],
                }
            ],
        }
    return Step(text=json.dumps(answer, ensure_ascii=False))


def seed(user, count, start, rng):
    from journal.models import Entry
    from perf.models import Goal

    for title, slug in [
        ("Надёжный биллинг", "billing"),
        ("Search v2", "search"),
        ("Hiring", "hiring"),
    ]:
        Goal.objects.create(user=user, title=title, slug=slug)
    entries = []
    for n in range(count):
        kind, template = rng.choice(NOTES)
        text = template.format(a=rng.randint(2, 60), b=rng.randint(1, 9))
        day = start + datetime.timedelta(days=n * 365 // count)
        entries.append(Entry.objects.create(user=user, date=day, type=kind, text=text))
    return entries


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=2100)
    parser.add_argument("--budget", type=int, default=8000, help="small LLM_INPUT_BUDGET")
    args = parser.parse_args()

    start_django()
    from django.db import connection
    from django.test.utils import setup_test_environment

    from conftest import make_user
    from perf.llm import LLMConfig
    from perf.services.summaries import create_summary, run_summary
    from perf.tests.fake_llm import FakeLLM, prompt_of, system_of

    setup_test_environment(debug=False)
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    rng = random.Random(20261124)
    user = make_user("bench", language="en")
    end = datetime.date(2026, 11, 22)  # a Sunday: the year ends on a full week
    start = end - datetime.timedelta(days=363)  # a Monday
    entries = seed(user, args.entries, start, rng)

    count = claude_tokenizer()
    counter = "Claude BPE"
    if count is None:
        count, counter = estimate_tokens, "words and marks"
    fake = FakeLLM().start()
    fake.respond(model_answer)
    os.environ["ANTHROPIC_BASE_URL"] = fake.url

    def run(budget, label):
        config = LLMConfig(
            provider="anthropic", anthropic_api_key="bench", input_budget=budget, max_retries=0
        )
        fake.requests.clear()
        summary = create_summary(user, start=start, end=end, language="en")
        tracemalloc.start()
        started = time.perf_counter()
        summary = run_summary(summary, config)
        wall = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert summary.status == "done", summary.error
        bodies = [request["body"] for request in fake.requests]
        weekly = sum("this week" in system_of(body) for body in bodies)
        tokens = sum(count(system_of(body)) + count(prompt_of(body)) for body in bodies)
        print(
            f"{label:<34} {len(bodies):>5} {weekly:>6} {tokens:>9} {summary.weeks_used:>5} "
            f"{summary.weeks_reused:>6} {wall:>7.2f} {peak / 2**20:>8.1f}"
        )
        return len(bodies), weekly, tokens

    print(
        f"Journal: {len(entries)} entries, {start} – {end}; LLM_INPUT_BUDGET={args.budget}; "
        f"tokens counted with {counter}"
    )
    print(f"{'run':<34} {'calls':>5} {'weekly':>6} {'tokens':>9} {'weeks':>5} {'reused':>6} "
          f"{'wall s':>7} {'peak MiB':>8}")  # fmt: skip
    first = run(args.budget, "1. weekly route, first run")
    entries[len(entries) // 2].text += " (edited)"
    entries[len(entries) // 2].save()
    second = run(args.budget, "2. after editing one entry")
    direct = run(10_000_000, "3. direct, one prompt")
    fake.stop()

    verdict = "ok" if second[:2] == (2, 1) else "MISSED"
    print(f"second run: {second[1]} weekly call + {second[0] - second[1]} final "
          f"(target 1 + 1): {verdict}")  # fmt: skip
    ratio = first[2] / direct[2]
    verdict = "ok" if ratio <= 1.3 else "MISSED"
    print(f"first run / direct tokens = {ratio:.3f} (target <= 1.3): {verdict}")


if __name__ == "__main__":
    main()
