"""A year-long journal through weekly summaries: LLM calls, prompt tokens and memory.

Run from the repository root:

    .venv/bin/python bench/long_period.py [--entries 2100] [--budget 8000]

It seeds a year of entries (Russian and English, some linked to goals) in a throwaway
SQLite test database (or, with DATABASE_URL set to PostgreSQL, a test_<name> database
beside that one) and writes its perf summary through the real service
(perf.services.run_summary) and the real anthropic SDK, against perf/tests/fake_llm.py on
localhost, which answers like a model that cites what it is sent:

1. first run with a small LLM_INPUT_BUDGET: every full week is summarised, then the year
   from the weekly summaries;
2. second run after editing one entry: target exactly one weekly call plus the final call;
3. third run with no change: target the final call only;
4. a direct single-prompt run with a large budget: target, the first run's prompt tokens
   at most 1.3 x the direct run's;
5-7. the same three on a period whose ends cut its first and last weeks (a Tuesday to a
   Thursday), the edit in its first, cut, week: targets as for 2 and 3.

Prompt tokens are those of what reached the server: the system prompt, the journal and
the answer's JSON schema, counted with Claude's public tokenizer when bench/summary.py can
fetch it (else estimated as words and marks). Peak memory is Python's own allocations
during each run (tracemalloc).
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
from throwaway import postgres_url, start_django, test_database  # noqa: E402

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


def schema_of(body) -> str:
    """The answer's JSON schema as the SDK sends it (compact JSON)."""
    schema = body["output_config"]["format"]["schema"]
    return json.dumps(schema, ensure_ascii=False, separators=(",", ":"))


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

    postgres = postgres_url()
    start_django(**({"DATABASE_URL": postgres} if postgres else {}))
    from django.test.utils import setup_test_environment

    setup_test_environment(debug=False)
    with test_database() as vendor:
        measure(args, vendor)


def measure(args, vendor):
    from conftest import make_user
    from perf.llm import LLMConfig
    from perf.services.summaries import create_summary, run_summary
    from perf.tests.fake_llm import FakeLLM, prompt_of, system_of

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

    def run(budget, label, period=(start, end)):
        config = LLMConfig(
            provider="anthropic", anthropic_api_key="bench", input_budget=budget, max_retries=0
        )
        fake.requests.clear()
        summary = create_summary(user, start=period[0], end=period[1], language="en")
        tracemalloc.start()
        started = time.perf_counter()
        summary = run_summary(summary, config)
        wall = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert summary.status == "done", summary.error
        bodies = [request["body"] for request in fake.requests]
        weekly = sum("this week" in system_of(body) for body in bodies)
        tokens = sum(
            count(system_of(body)) + count(prompt_of(body)) + count(schema_of(body))
            for body in bodies
        )
        print(
            f"{label:<34} {len(bodies):>5} {weekly:>6} {tokens:>9} {summary.weeks_used:>5} "
            f"{summary.weeks_reused:>6} {wall:>7.2f} {peak / 2**20:>8.1f}"
        )
        return len(bodies), weekly, tokens

    print(
        f"Journal: {len(entries)} entries, {start} – {end}; LLM_INPUT_BUDGET={args.budget}; "
        f"tokens (system, journal and schema) counted with {counter}; {vendor}"
    )
    print(f"{'run':<34} {'calls':>5} {'weekly':>6} {'tokens':>9} {'weeks':>5} {'reused':>6} "
          f"{'wall s':>7} {'peak MiB':>8}")  # fmt: skip
    first = run(args.budget, "1. weekly route, first run")
    edit(entries[len(entries) // 2])
    second = run(args.budget, "2. after editing one entry")
    third = run(args.budget, "3. again, nothing changed")
    direct = run(10_000_000, "4. direct, one prompt")
    # From a Tuesday to a Thursday: the first and the last weeks are cut by the period. A
    # budget under the prompt of the weeks' points alone: the cut weeks are summarised too.
    cut = (start + datetime.timedelta(days=1), end - datetime.timedelta(days=3))
    small = args.budget // 2
    print(f"Tuesday {cut[0]} – Thursday {cut[1]}, LLM_INPUT_BUDGET={small}:")
    run(small, "5. cut period, first run", cut)
    edit(next(e for e in entries if e.date == cut[0] + datetime.timedelta(days=1)))
    cut_second = run(small, "6. after one edit in its cut week", cut)
    cut_third = run(small, "7. again, nothing changed", cut)
    fake.stop()

    for label, calls, target in [
        ("after one edit", second, (2, 1)),
        ("with no change", third, (1, 0)),
        ("cut period after one edit", cut_second, (2, 1)),
        ("cut period with no change", cut_third, (1, 0)),
    ]:
        verdict = "ok" if calls[:2] == target else "MISSED"
        print(f"{label}: {calls[1]} weekly + {calls[0] - calls[1]} final "
              f"(target {target[1]} + {target[0] - target[1]}): {verdict}")  # fmt: skip
    ratio = first[2] / direct[2]
    verdict = "ok" if ratio <= 1.3 else "MISSED"
    print(f"first run / direct tokens = {first[2]} / {direct[2]} = {ratio:.3f} "
          f"(target <= 1.3): {verdict}")  # fmt: skip


def edit(entry):
    entry.text += " (edited)"
    entry.save()


if __name__ == "__main__":
    main()
