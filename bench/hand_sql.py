"""What the hand-written SQL and cached URL prefix on Feed and Today are worth: the pages
as the app serves them, against the same pages with those pieces done the plain Django way.

It seeds bench/pages.py's journal (20,000 entries, one user) in a throwaway SQLite
database and serves /feed/, /today/ and the floor (a bare base.html) through the test
client, in one process, with each variant swapped in turn, round after round (the order
rotating), so that noise hits every variant alike:

- as committed: goal links (perf/journal_parts.py GoalLinks.linked) and done plans
  (journal/models.py flag_done_plans) in plain SQL, week cards through
  WeekSummary.objects.raw(), row URLs on journal/models.py's cached url_prefix;
- the three queries through the ORM (values_list, filter().values_list, filter().only());
- row URLs through reverse();
- both.

It prints p50 and p95 for each page and variant, each as a ratio to the floor measured in
the same variant's rounds. bench/pages.py's target: a page's p95 within 3x the floor's.

    .venv/bin/python bench/hand_sql.py [--rounds 300]
"""

import argparse
import gc
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throwaway import start_django  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=300)
    parser.add_argument("--entries", type=int, default=20_000)
    args = parser.parse_args()

    start_django()
    from django.db import connection
    from django.template import PartialTemplate, Template
    from django.test.utils import override_settings, setup_test_environment

    renders = Template._render, PartialTemplate._render
    setup_test_environment(debug=False)
    # Not the test client's instrumented renders: they cost per {% include %} (as pages.py).
    Template._render, PartialTemplate._render = renders
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)

    import pages

    override_settings(
        DEBUG=False,
        ROOT_URLCONF=pages.install_bench_urlconf(),
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
    ).enable()

    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    import journal.views.feed
    from journal import extensions
    from journal.extensions import Link, Part
    from journal.models import Entry, EntryType, flag_done_plans, url_prefix
    from perf.journal_parts import CARD_FIELDS, GoalLinks, week_cards, week_context
    from perf.models import Goal, WeekSummary

    def orm_linked(self, entry_ids):
        rows = (
            Goal.entries.through.objects.filter(entry_id__in=list(entry_ids))
            .order_by("goal__title")
            .values_list("entry_id", "goal_id", "goal__title", "goal__status")
        )
        found, prefix = defaultdict(list), url_prefix("perf:goal-detail")
        for entry_id, goal_id, title, status in rows:
            found[entry_id].append(Link(goal_id, title, f"{prefix}{goal_id}/", (status, title)))
        return found

    def orm_flag_done_plans(entries):
        entries = list(entries)
        plan_ids = [entry.pk for entry in entries if entry.type == EntryType.PLAN]
        fulfilling = Entry.objects.filter(fulfils_plan__in=plan_ids)
        done = set(fulfilling.values_list("fulfils_plan", flat=True)) if plan_ids else set()
        for entry in entries:
            entry.is_done = entry.pk in done
        return entries

    def orm_week_cards(user, mondays):
        summaries = WeekSummary.objects.filter(user=user, week_start__in=mondays)
        found = {summary.week_start: summary for summary in summaries.only(*CARD_FIELDS)}
        return {monday: week_context(monday, found.get(monday)) for monday in mondays}

    def reversed_url(entry):
        return reverse("journal:entry-row", args=[entry.pk])

    committed = (GoalLinks.linked, flag_done_plans, week_cards, Entry.get_absolute_url)
    by_orm = (orm_linked, orm_flag_done_plans, orm_week_cards)
    (week_part,) = extensions.parts("week")

    def use(queries, urls):
        linked, flag, cards = by_orm if queries == "orm" else committed[:3]
        GoalLinks.linked = linked
        journal.views.feed.flag_done_plans = flag
        extensions.parts("week")[0] = Part(week_part.template, cards)
        Entry.get_absolute_url = reversed_url if urls == "reverse" else committed[3]

    variants = {
        "as committed": ("sql", "prefix"),
        "3 queries ORM": ("orm", "prefix"),
        "rows reverse()": ("sql", "reverse"),
        "both": ("orm", "reverse"),
    }
    user = get_user_model().objects.create_user("bench", password="bench-password")
    pages.seed(user, args.entries, user.profile.today())
    client = Client()
    client.force_login(user)
    urls = ["/feed/", "/today/", pages.FLOOR_PATH]
    for variant in variants.values():
        use(*variant)
        for _ in range(10):
            for url in urls:
                if client.get(url).status_code != 200:
                    raise SystemExit(f"GET {url} did not answer 200")

    times = defaultdict(list)
    gc.collect()
    names = list(variants)
    for round_ in range(args.rounds):
        for name in names[round_ % 4 :] + names[: round_ % 4]:
            use(*variants[name])
            for url in urls:
                started = time.perf_counter()
                client.get(url)
                times[name, url].append((time.perf_counter() - started) * 1000)
    use(*variants["as committed"])

    def p95(samples):
        return statistics.quantiles(samples, n=100, method="inclusive")[94]

    print(f"{args.entries} entries, {args.rounds} rounds; ratios to the floor of the same rounds")
    print(f"{'variant':<16}{'page':<9}{'p50 ms':>8}{'p95 ms':>8}{'p50/floor':>11}{'p95/floor':>11}")
    for name in names:
        floor = times[name, pages.FLOOR_PATH]
        for url in urls[:-1]:
            samples = times[name, url]
            p50_ms, p95_ms = statistics.median(samples), p95(samples)
            print(
                f"{name:<16}{url:<9}{p50_ms:>8.2f}{p95_ms:>8.2f}"
                f"{p50_ms / statistics.median(floor):>10.2f}x{p95_ms / p95(floor):>10.2f}x"
            )


if __name__ == "__main__":
    main()
