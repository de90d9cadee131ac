"""Export and import of a whole journal: time, size and peak memory.

Run from the repository root:

    .venv/bin/python bench/export_import.py [--entries 20000]

It migrates a throwaway SQLite database, seeds one user with 20,000 entries over ten years
(a third linked to one of five goals, plans fulfilled by facts), 40 perf summaries and 100
weekly summaries (offline drafts), then prints for export_journal's JSON and Markdown, and
for import_journal into an empty account (a restore), again (nothing new) and into a
second account (every id taken, so new ids and remapped citations): wall time, the file's
size, and peak Python memory (tracemalloc).
"""

import argparse
import datetime
import random
import time
import tracemalloc

from throwaway import start_django


def measured(label, action):
    tracemalloc.start()
    started = time.perf_counter()
    result = action()
    wall = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"{label:<44} {wall:7.2f} s   peak {peak / 2**20:6.1f} MiB")
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=20_000)
    args = parser.parse_args()

    folder = start_django(LLM_PROVIDER="offline")
    from django.core.management import call_command

    from conftest import make_user
    from journal.models import Entry
    from journal.search import normalize_for_search
    from perf.llm import LLMConfig
    from perf.models import Goal
    from perf.portability.export import journal_json, journal_markdown
    from perf.portability.importing import import_journal
    from perf.services.summaries import create_summary, run_summary
    from perf.services.weeks import monday_of, write_week
    from perf.tasks import request_week

    call_command("migrate", verbosity=0)
    user = make_user("bench")
    rng = random.Random(20261124)
    today = datetime.date(2026, 11, 24)
    goals = [Goal.objects.create(user=user, title=f"Goal {n}", slug=f"goal-{n}") for n in range(5)]
    texts = [
        "Migrated billing to Kafka, lag from 40 s to 2 s",
        "Reviewed the search rollout with the team",
        "Провёл собеседование с кандидатом в бэкенд",
        "Починил утечку памяти в воркере отчётов",
        "Cut CI time from 20 to 8 minutes by caching wheels",
    ]
    entries = []
    for n in range(args.entries):
        text = f"{rng.choice(texts)} ({n})"
        entries.append(
            Entry(
                user=user,
                date=today - datetime.timedelta(days=n * 3650 // args.entries),
                type="plan" if n % 4 == 0 else "fact",
                text=text,
                search_text=normalize_for_search(text),
            )
        )
    Entry.objects.bulk_create(entries, batch_size=2000)
    links = [
        Goal.entries.through(entry_id=entry.pk, goal_id=goals[n % 5].pk)
        for n, entry in enumerate(entries)
        if n % 3 == 0
    ]
    Goal.entries.through.objects.bulk_create(links, batch_size=2000)
    for plan, fact in zip(entries[0::4], entries[1::4], strict=False):
        fact.fulfils_plan = plan
    Entry.objects.bulk_update(entries[1::4], ["fulfils_plan"], batch_size=2000)
    offline = LLMConfig(provider="offline")
    for n in range(40):
        end = today - datetime.timedelta(days=90 * n)
        run_summary(create_summary(user, start=end - datetime.timedelta(days=89), end=end), offline)
    for n in range(100):
        write_week(request_week(user, monday_of(today) - datetime.timedelta(weeks=n)), offline)

    print(f"Journal: {args.entries} entries, {len(links)} goal links, 40 summaries, 100 weeks; "
          "SQLite")  # fmt: skip
    exported = measured("export_journal, JSON", lambda: journal_json(user))
    print(f"{'':<44} {len(exported.encode()) / 2**20:7.1f} MiB of JSON")
    markdown = measured("export_journal, Markdown", lambda: journal_markdown(user))
    print(f"{'':<44} {len(markdown.encode()) / 2**20:7.1f} MiB of Markdown")
    backup = folder / "backup.json"
    backup.write_text(exported)

    user.delete()
    restored = make_user("bench")
    report = measured(
        "import_journal into an empty account", lambda: import_journal(restored, backup)
    )
    print(f"{'':<44} {report}".replace("\n", " "))
    measured("import_journal again (nothing new)", lambda: import_journal(restored, backup))
    second = make_user("second")
    measured("import_journal into a second account", lambda: import_journal(second, backup))
    same = journal_json(restored).split('"goals"', 1)[1] == exported.split('"goals"', 1)[1]
    print(f"Round trip (export, import into an empty account, export) gives the same data: {same}")


if __name__ == "__main__":
    main()
