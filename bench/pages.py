"""Server time of Perf Assist's main pages on a team's server, against a bare-layout floor.

Run from the repository root:

    .venv/bin/python bench/pages.py [--sizes 20000,100000] [--users 20] [--requests 200]

In a throwaway test database it seeds a team of --users users (bench/team_journal.py):
every journal runs at about 2,000 entries a year (eight a working day) up to today, in
Russian and English, with six goals linked to a third of its entries (through the
many-to-many's own model, one in six of those to two goals) and done summaries of its last
52 weeks whose points quote and cite the week's facts. The other users come first, their
journals spread evenly from 2,000 to 20,000 entries (--others; 19 users: 2,000, 3,000, ...
20,000, 209,000 entries in all, one to ten years each), so the cost of other people's data
shows. Then the measured user gets the first of --sizes (20,000: ten years, with a full
board today and on the working day before), is measured, and is topped up to each next
size by older years at the same pace (100,000: fifty years back from today), so that the
pages measured show the same entries at every size and only the journal behind them grows.

At each size it times many in-process requests (django.test.Client: the full WSGI handler
and middleware stack), rotating their order every round, to Today, Feed page 1, a Feed
search and, at the largest size, Feed page 1,000: the page whose first entry is the
measured user's 19,981st newest in Feed order (-date, -created_at, -id), reached by keyset
as /feed/?before=<journal.paging.cursor_of(the 19,980th)>, or by /feed/?page=1000 where
journal.paging has no cursor_of (the Feed before keyset paging). Beside them, a bare view
that renders base.html with no queries of ours: the floor, timed in the same rounds.

It prints each page's p50 and p95, each as a ratio to the floor's p50 and p95, and the
queries it runs; then, side by side, the ratios at every size. It checks, on p50:
every page within 3x the floor (the search within 5x); page 1,000 within 1.2x page 1; every
page's ratio at a larger size within 1.2x its ratio at the smallest. A missed target is
printed as MISSED; the exit code stays 0 (non-zero only if the benchmark itself fails,
e.g. a page does not answer 200 or page 1,000 does not start where it should).

SQLite is always measured (a file-based test database in a temporary folder, not
ANALYZEd, as the app leaves its own); PostgreSQL too when DATABASE_URL points at it, in a
test database of this run's own (test_<name>_pages_<pid>), VACUUM ANALYZEd after each
seeding as autovacuum would. Each backend runs in its own child process, so each gets a
fresh Django. The default run seeds 309,000 entries per database.
"""

import argparse
import datetime
import gc
import json
import logging
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import types
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

# The journal's text and the one-user journal, as bench/hand_sql.py and form_tokens.py
# import them from here.
from team_journal import (  # noqa: E402, F401
    EN_EXTRAS,
    EN_PAIRS,
    RU_EXTRAS,
    RU_PAIRS,
    _fill,
    add_entries,
    add_goals,
    add_weeks,
    link_goals,
    seed,
    span_of,
)

REPO_ROOT = Path(__file__).resolve().parent.parent

FLOOR_PATH = "/__bench__/floor/"
PAGE_TARGET = 3.0
SEARCH_TARGET = 5.0
DEEP_TARGET = 1.2  # page 1,000's p50 against page 1's
GROWTH_TARGET = 1.2  # a page's p50 ratio at a larger size against the smallest size's
# A Russian word in mixed case; the generated journal uses it in about 3.5% of entries.
DEFAULT_QUERY = "Утечку"
SEED_VALUE = 20_261_124
FLOOR, TODAY, FEED, SEARCH = "Floor (bare base.html)", "Today", "Feed page 1", "Feed search"


# --------------------------------------------------------------------------------------
# The floor and the bench-only URLconf.
# --------------------------------------------------------------------------------------

_floor_template = None


def floor_view(request):
    """base.html with an empty content block, through the same stack, no queries of ours."""
    global _floor_template
    from django.http import HttpResponse
    from django.template import engines

    if _floor_template is None:  # compiled once, as the cached loader does for real pages
        _floor_template = engines["django"].from_string(
            '{% extends "base.html" %}{% block title %}Floor{% endblock %}'
            "{% block content %}{% endblock %}"
        )
    return HttpResponse(_floor_template.render({}, request))


def install_bench_urlconf():
    """A URLconf module with the project's URLs plus the floor; returns its dotted name."""
    from django.urls import include, path

    name = "bench_pages_urls"
    module = types.ModuleType(name)
    module.urlpatterns = [
        path(FLOOR_PATH.strip("/") + "/", floor_view, name="bench-floor"),
        path("", include("perfassist.urls")),
    ]
    sys.modules[name] = module
    return name


# --------------------------------------------------------------------------------------
# Seeding the team (child process).
# --------------------------------------------------------------------------------------


def other_sizes(users, low, high):
    """The other users' journal sizes: `users - 1` of them, evenly from `low` to `high`."""
    count = users - 1
    if count <= 1:
        return [high] * count
    return [round(low + (high - low) * i / (count - 1)) for i in range(count)]


def seed_others(args, today):
    """The rest of the team, each a whole journal up to today with goals and weeks."""
    from django.contrib.auth import get_user_model

    sizes = other_sizes(args.users, *args.others)
    links = 0
    for n, size in enumerate(sizes, start=1):
        user = get_user_model().objects.create_user(f"teammate{n:02d}", password="bench")
        rng = random.Random(SEED_VALUE + n)
        first = today - datetime.timedelta(days=span_of(size) - 1)
        entries = add_entries(user, size, first, today, rng)
        links += link_goals(entries, add_goals(user), rng)
        add_weeks(user, entries, today, rng)
    return sizes, links


class MeasuredJournal:
    """The measured user's journal, grown size by size: the first size up to today, each
    next one by the years before it."""

    def __init__(self, user, today):
        from journal.models import previous_working_day

        self.user, self.today = user, today
        self.full_days = {today: 8, previous_working_day(today): 7}
        self.rng = random.Random(SEED_VALUE)
        self.goals = add_goals(user)
        self.entries = self.links = 0
        self.first_day = None
        self.notes = []

    def grow_to(self, size):
        from journal.validation import EARLIEST_DATE

        extra = size - self.entries
        if self.first_day is None:
            last = self.today
        else:
            last = self.first_day - datetime.timedelta(days=1)
        first = last - datetime.timedelta(days=span_of(extra) - 1)
        if first <= EARLIEST_DATE:
            first = EARLIEST_DATE + datetime.timedelta(days=1)
            self.notes.append(f"{size}: days before {EARLIEST_DATE} unsupported, denser journal")
        full_days = self.full_days if self.first_day is None else {}
        entries = add_entries(self.user, extra, first, last, self.rng, full_days=full_days)
        self.links += link_goals(entries, self.goals, self.rng)
        if self.first_day is None:
            add_weeks(self.user, entries, self.today, self.rng)
        self.entries, self.first_day = size, first


# --------------------------------------------------------------------------------------
# Measuring one size (child process).
# --------------------------------------------------------------------------------------


def _percentile(samples, pct):
    return statistics.quantiles(samples, n=100, method="inclusive")[pct - 1]


def _query_timer(times):
    """A database execute wrapper that appends each query's time in ms to `times`."""

    def timed(execute, sql, params, many, context):
        t0 = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            times.append((time.perf_counter() - t0) * 1000)

    return timed


def _entries_per_page():
    from journal.views import feed

    return getattr(feed, "ENTRIES_PER_PAGE", 20)


def deep_page(user, number):
    """(name, URL, the first entry it must show, whether by keyset) for Feed page `number`."""
    from django.utils.http import urlencode

    from journal.models import Entry

    index = (number - 1) * _entries_per_page()  # page 1,000 starts at the 19,981st newest
    newest = Entry.objects.for_user(user).order_by("-date", "-created_at", "-id")
    older_than, first = newest[index - 1 : index + 1]
    name = f"Feed page {number:,}"
    try:
        from journal.paging import cursor_of
    except ImportError:  # the Feed before keyset paging
        return name, f"/feed/?page={number}", first, False
    return name, "/feed/?" + urlencode({"before": cursor_of(older_than)}), first, True


FIRST_ROW = re.compile(rb'<li class="entry entry--[^"]*" id="entry-([0-9a-f-]{36})"')


def check_first_row(name, content, expected, by_keyset):
    """Page 1,000 must start at the entry it claims to: by keyset exactly that one; by
    OFFSET (Feed order without the id) one of the same date and creation time."""
    from journal.models import Entry

    found = FIRST_ROW.search(content)
    shown = Entry.objects.filter(pk=found.group(1).decode()).first() if found else None
    same = shown is not None and (shown.date, shown.created_at) == (
        expected.date,
        expected.created_at,
    )
    if not same or (by_keyset and shown.pk != expected.pk):
        raise SystemExit(f"{name}: starts at {shown!r}, not at {expected!r}")


def explain(connection, queries):
    """The database's plan of the slowest of a page's queries, run once more: PostgreSQL's
    EXPLAIN ANALYZE (with buffers), SQLite's EXPLAIN QUERY PLAN."""
    if not queries:
        return ""
    sql = max(queries, key=lambda query: query[1])[0]
    postgresql = connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute(
            ("EXPLAIN (ANALYZE, BUFFERS) " if postgresql else "EXPLAIN QUERY PLAN ") + sql
        )
        # SQLite's rows are (id, parent, unused, detail).
        return "\n".join(str(row[-1]) for row in cursor.fetchall())


def profile_page(client, urls, page):
    """Print where a page's time goes: cProfile over 100 requests, by own time."""
    import cProfile
    import pstats

    url = urls.get(page, page)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(100):
        client.get(url)
    profiler.disable()
    print(f"\n   -- profile of {page} ({url}), 100 requests")
    stats = pstats.Stats(profiler, stream=sys.stdout)
    stats.sort_stats("tottime").print_stats(25)
    stats.sort_stats("cumulative").print_stats(40)


def _get(client, name, url):
    response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"{name}: GET {url} answered {response.status_code}, not 200")
    return response


def measure_size(args, client, user, *, deep):
    """Time the pages at the journal's present size; returns their rows."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils.http import urlencode

    pages = [
        (FLOOR, FLOOR_PATH, None),
        (TODAY, "/today/", PAGE_TARGET),
        (FEED, "/feed/", PAGE_TARGET),
        (SEARCH, "/feed/?" + urlencode({"q": args.query}), SEARCH_TARGET),
    ]
    expected = None
    if deep:
        name, url, expected, by_keyset = deep_page(user, args.deep_page)
        pages.insert(3, (name, url, PAGE_TARGET))
        check_first_row(name, _get(client, name, url).content, expected, by_keyset)

    for _ in range(args.warmup):
        for name, url, _ in pages:
            _get(client, name, url)

    # Then one checked request per page, with its SQL captured and each query timed (warm, and
    # apart from the timed requests: capturing adds its own cost).
    queries, entry_rows = {}, {}
    for name, url, _ in pages:
        query_times = []
        with CaptureQueriesContext(connection) as captured:
            with connection.execute_wrapper(_query_timer(query_times)):
                response = _get(client, name, url)
        entry_rows[name] = response.content.count(b'<li class="entry entry--')
        queries[name] = [
            (query["sql"], ms)
            for query, ms in zip(captured.captured_queries, query_times, strict=True)
        ]

    timings = {name: [] for name, _, _ in pages}
    gc.collect()
    for round_ in range(args.requests):
        # Rotate the order every round so no page always runs first (or after the floor).
        shift = round_ % len(pages)
        for name, url, _ in pages[shift:] + pages[:shift]:
            t0 = time.perf_counter()
            _get(client, name, url)
            timings[name].append((time.perf_counter() - t0) * 1000)

    plans = (
        {name: explain(connection, queries[name]) for name, _, _ in pages} if args.explain else {}
    )
    if args.profile and deep:
        profile_page(client, {name: url for name, url, _ in pages}, args.profile)

    floor_p50 = statistics.median(timings[FLOOR])
    floor_p95 = _percentile(timings[FLOOR], 95)
    rows = []
    for name, url, target in pages:
        p50 = statistics.median(timings[name])
        p95 = _percentile(timings[name], 95)
        rows.append(
            {
                "page": name,
                "url": url,
                "queries": len(queries[name]),
                "entry_rows": entry_rows[name],
                "sql_ms": sum(ms for _, ms in queries[name]),
                "slowest_sql_ms": max((ms for _, ms in queries[name]), default=0.0),
                "p50_ms": p50,
                "p95_ms": p95,
                "p50_ratio": p50 / floor_p50,
                "p95_ratio": p95 / floor_p95,
                "target": target,
                "met": None if target is None else p50 / floor_p50 <= target,
                "sql": queries[name],
                "plan": plans.get(name, ""),
            }
        )
    return rows


def cross_checks(sizes):
    """Page 1,000 against page 1, and every page's ratio at each larger size against the
    smallest's: [{check, value, limit, met}]."""
    checks = []
    for size in sizes:
        by_page = {row["page"]: row for row in size["rows"]}
        for name, row in by_page.items():
            if name.startswith("Feed page ") and name != FEED:
                value = row["p50_ms"] / by_page[FEED]["p50_ms"]
                checks.append(
                    {
                        "check": f"{name} p50 / {FEED} p50, {size['entries']:,} entries",
                        "value": value,
                        "limit": DEEP_TARGET,
                        "met": value <= DEEP_TARGET,
                    }
                )
    smallest = {row["page"]: row for row in sizes[0]["rows"]}
    for size in sizes[1:]:
        for row in size["rows"]:
            if row["target"] is None or row["page"] not in smallest:
                continue
            value = row["p50_ratio"] / smallest[row["page"]]["p50_ratio"]
            checks.append(
                {
                    "check": f"{row['page']} p50 ratio, {size['entries']:,} / "
                    f"{sizes[0]['entries']:,} entries",
                    "value": value,
                    "limit": GROWTH_TARGET,
                    "met": value <= GROWTH_TARGET,
                }
            )
    return checks


VISIBLE_PAGES = """SELECT sum(relpages), sum(relallvisible) FROM pg_class
    WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace"""
AUTOVACUUMS = """SELECT count(*) FROM pg_stat_activity
    WHERE backend_type = 'autovacuum worker' AND datname = current_database()"""


def settle(connection):
    """On PostgreSQL, what autovacuum would soon do to freshly loaded tables: vacuum and
    analyze them, so the pages are measured with statistics and with the visibility map
    that index-only scans need. Then wait for any autovacuum worker still at work here."""
    if connection.vendor != "postgresql":
        return ""
    with connection.cursor() as cursor:
        # A VACUUM marks a page all-visible only once its rows' commits are on disk. With
        # synchronous_commit off (as on CI's throwaway cluster) a VACUUM right after the load
        # can find them not yet flushed and mark nothing: Feed's COUNT(*) over 100,000
        # entries then took 20 ms with 80,000 heap fetches, against 5 ms. So again until it has.
        vacuums = 0
        while vacuums < 10:
            vacuums += 1
            cursor.execute("VACUUM ANALYZE")
            cursor.execute(VISIBLE_PAGES)
            pages, visible = cursor.fetchone()
            if visible >= 0.99 * pages:
                break
            time.sleep(2)
        else:
            print(f"   NOTE: only {visible} of {pages} heap pages are all-visible", flush=True)
        for _ in range(60):
            cursor.execute(AUTOVACUUMS)
            if not cursor.fetchone()[0]:
                break
            time.sleep(1)
    return f", {vacuums} VACUUM ANALYZE"


def count_matches(user, query):
    """The search's matches, the user's and everyone's (plain LIKE, so any Feed will do)."""
    from journal.models import Entry
    from journal.search import normalize_for_search

    matches = Entry.objects.all()
    for word in normalize_for_search(query).split():
        matches = matches.filter(search_text__contains=word)
    return matches.filter(user=user).count(), matches.count()


def measure(args, database_label):
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client

    from journal.models import Entry

    user = get_user_model().objects.create_user("bench", password="bench-password")
    today = user.profile.today()
    started = time.perf_counter()
    others, other_links = seed_others(args, today)
    settled = settle(connection)
    others_seconds = time.perf_counter() - started
    print(
        f"   {len(others)} other users, {sum(others):,} entries ({min(others, default=0):,} to "
        f"{max(others, default=0):,} each), {other_links:,} goal links: {others_seconds:.1f} s"
        f"{settled}",
        flush=True,
    )

    client = Client()
    client.force_login(user)
    journal = MeasuredJournal(user, today)
    sizes = []
    for size in args.sizes:
        started = time.perf_counter()
        journal.grow_to(size)
        settled = settle(connection)
        seed_seconds = time.perf_counter() - started
        print(
            f"   measured user at {size:,} entries: seeded in {seed_seconds:.1f} s{settled}",
            flush=True,
        )
        started = time.perf_counter()
        rows = measure_size(args, client, user, deep=size == args.sizes[-1])
        mine, everyone = count_matches(user, args.query)
        sizes.append(
            {
                "entries": size,
                "first_day": journal.first_day.isoformat(),
                "goal_links": journal.links,
                "all_entries": Entry.objects.count(),
                "seed_seconds": seed_seconds,
                "measure_seconds": time.perf_counter() - started,
                "query_matches": mine,
                "query_matches_all_users": everyone,
                "rows": rows,
            }
        )
    if connection.vendor == "postgresql":
        database_label += ", after VACUUM ANALYZE"
    return {
        "database": database_label,
        "users": args.users,
        "other_entries": others,
        "other_goal_links": other_links,
        "others_seed_seconds": others_seconds,
        "query": args.query,
        "requests": args.requests,
        "warmup": args.warmup,
        "notes": journal.notes,
        "sizes": sizes,
        "checks": cross_checks(sizes),
    }


# --------------------------------------------------------------------------------------
# Printing.
# --------------------------------------------------------------------------------------


def _verdict(met):
    return "" if met is None else ("ok" if met else "MISSED")


def print_report(result, show_sql=False):
    explained = any(row["plan"] for size in result["sizes"] for row in size["rows"])
    print()
    print(f"== {result['database']}")
    print(
        f"   {result['users']} users; the other {len(result['other_entries'])} have "
        f"{sum(result['other_entries']):,} entries; search q={result['query']!r}; "
        f"{result['requests']} timed requests per page after {result['warmup']} warm-up"
    )
    for note in result["notes"]:
        print(f"   NOTE: {note}")
    for size in result["sizes"]:
        print(
            f"\n   -- measured user at {size['entries']:,} entries (from {size['first_day']}, "
            f"{size['goal_links']:,} goal links; {size['all_entries']:,} entries in all); "
            f"search matches {size['query_matches']:,} of theirs, "
            f"{size['query_matches_all_users']:,} of everyone's"
        )
        header = (
            f"   {'page':<22} {'SQL':>3} {'rows':>4} {'SQL ms':>6} {'max':>6} {'p50 ms':>7} "
            f"{'p95 ms':>7} {'p50/fl':>7} {'p95/fl':>7} {'target':>6}  result"
        )
        print(header)
        print("   " + "-" * (len(header) - 3))
        for row in size["rows"]:
            target = "-" if row["target"] is None else f"<={row['target']:.0f}x"
            print(
                f"   {row['page']:<22} {row['queries']:>3} {row['entry_rows']:>4} "
                f"{row['sql_ms']:>6.2f} {row['slowest_sql_ms']:>6.2f} "
                f"{row['p50_ms']:>7.2f} {row['p95_ms']:>7.2f} "
                f"{row['p50_ratio']:>6.2f}x {row['p95_ratio']:>6.2f}x {target:>6}  "
                f"{_verdict(row['met'])}"
            )
        for row in size["rows"] if show_sql or explained else []:
            print(f"\n   -- {row['page']} ({row['url']}), {size['entries']:,} entries")
            for sql, ms in row["sql"] if show_sql else []:
                print(f"   [{ms:7.3f} ms] {sql}")
            if row["plan"]:
                print("   the slowest query's plan:")
                print("\n".join("     " + line for line in row["plan"].splitlines()))
    print(
        "   (SQL: queries per request; rows: entries shown; SQL ms, max: their time and the "
        "slowest's, in one captured request; target: on p50/floor)"
    )

    print("\n   -- side by side: p50/floor p95/floor (queries)")
    sizes = result["sizes"]
    names = list(dict.fromkeys(row["page"] for size in sizes[::-1] for row in size["rows"]))
    print(f"   {'page':<22}" + "".join(f" {size['entries']:>20,}" for size in sizes))
    for name in names:
        cells = []
        for size in sizes:
            row = next((row for row in size["rows"] if row["page"] == name), None)
            cell = "-"
            if row is not None:
                cell = f"{row['p50_ratio']:.2f}x {row['p95_ratio']:.2f}x ({row['queries']})"
            cells.append(f" {cell:>20}")
        print(f"   {name:<22}" + "".join(cells))

    if result["checks"]:
        print("\n   -- checks (p50)")
        for check in result["checks"]:
            print(
                f"   {_verdict(check['met']):<6}  {check['check']}: {check['value']:.2f}x "
                f"(<= {check['limit']}x)"
            )
    sys.stdout.flush()


def missed(result):
    """The names of the targets a backend's result missed."""
    names = [
        f"{row['page']} at {size['entries']:,}"
        for size in result["sizes"]
        for row in size["rows"]
        if row["met"] is False
    ]
    return names + [check["check"] for check in result["checks"] if not check["met"]]


# --------------------------------------------------------------------------------------
# One backend (child process).
# --------------------------------------------------------------------------------------


def run_backend(args):
    """Set Django up for one database, measure in a throwaway test database, drop it."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "perfassist.settings"
    # A fixed key: never read or create the key file in the real data directory.
    os.environ.setdefault("SECRET_KEY", "bench-only-not-secret-" + "x" * 40)
    if str(REPO_ROOT) not in sys.path:
        sys.path.insert(0, str(REPO_ROOT))
    # WhiteNoise warns that STATIC_ROOT is missing until collectstatic runs.
    warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)

    import django

    django.setup()
    logging.disable(logging.WARNING)  # axes' and the search index's notes on every login

    from django.db import connection
    from django.template import PartialTemplate, Template
    from django.test.utils import (
        override_settings,
        setup_test_environment,
        teardown_test_environment,
    )

    tmp_dir = None
    if connection.vendor == "sqlite":
        if args.sqlite_memory:
            connection.settings_dict["TEST"]["NAME"] = ":memory:"
            label = "SQLite (in-memory test database)"
        else:
            tmp_dir = tempfile.mkdtemp(prefix="perfassist-bench-")
            connection.settings_dict["TEST"]["NAME"] = os.path.join(tmp_dir, "test_bench.sqlite3")
    else:
        # A name of this run's own: test_<name> may be a test run's, which autoclobber drops.
        connection.settings_dict["TEST"]["NAME"] = (
            f"test_{connection.settings_dict['NAME']}_pages_{os.getpid()}"
        )

    renders = Template._render, PartialTemplate._render
    setup_test_environment(debug=False)
    # The test environment instruments every template render so the test Client can record
    # templates and copy contexts; that costs per {% include %} and is not server time.
    Template._render, PartialTemplate._render = renders
    try:
        old_name = connection.creation.create_test_db(
            verbosity=0, autoclobber=True, serialize=False, keepdb=False
        )
        try:
            # create_test_db pointed the connection at the test database: name that one.
            test_name = connection.settings_dict["NAME"]
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SHOW server_version")
                    version = cursor.fetchone()[0].split()[0]
                label = f"PostgreSQL {version} (test database {test_name})"
            elif connection.vendor == "sqlite" and not args.sqlite_memory:
                version = connection.Database.sqlite_version
                label = f"SQLite {version} (file test database {test_name})"
            elif connection.vendor != "sqlite":
                label = f"{connection.display_name} (test database {test_name})"
            print(f"== {label}: seeding", flush=True)
            bench_settings = override_settings(
                DEBUG=False,
                ROOT_URLCONF=install_bench_urlconf(),
                PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
                STORAGES={
                    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
                    "staticfiles": {
                        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
                    },
                },
            )
            with bench_settings:
                result = measure(args, label)
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0, keepdb=False)
    finally:
        teardown_test_environment()
        if tmp_dir:
            shutil.rmtree(tmp_dir, ignore_errors=True)

    print_report(result, show_sql=args.show_sql)
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(result, ensure_ascii=False, indent=1))


# --------------------------------------------------------------------------------------
# Driver (parent process).
# --------------------------------------------------------------------------------------


def run_all(args):
    database_url = os.environ.get("DATABASE_URL", "")
    backends = ["sqlite"]
    if database_url and not database_url.startswith("sqlite"):
        backends.append("env")
    else:
        print("DATABASE_URL is not set to PostgreSQL: measuring SQLite only.")

    results, failed = [], False
    with tempfile.TemporaryDirectory(prefix="perfassist-bench-") as tmp:
        for backend in backends:
            env = dict(os.environ)
            if backend == "sqlite":
                # Point settings at a scratch file, so the real database is never even named.
                env["DATABASE_URL"] = f"sqlite:///{tmp}/unused.sqlite3"
            json_out = os.path.join(tmp, f"{backend}.json")
            command = [
                sys.executable,
                __file__,
                "--backend",
                backend,
                "--sizes",
                ",".join(map(str, args.sizes)),
                "--users",
                str(args.users),
                "--others",
                "-".join(map(str, args.others)),
                "--deep-page",
                str(args.deep_page),
                "--requests",
                str(args.requests),
                "--warmup",
                str(args.warmup),
                "--query",
                args.query,
                "--json-out",
                json_out,
            ]
            command += ["--show-sql"] if args.show_sql else []
            command += ["--explain"] if args.explain else []
            command += ["--sqlite-memory"] if args.sqlite_memory else []
            command += ["--profile", args.profile] if args.profile else []
            started = time.perf_counter()
            if subprocess.run(command, env=env).returncode != 0 or not os.path.exists(json_out):
                print(f"\n{backend}: the benchmark failed (see above)")
                failed = True
                continue
            result = json.loads(Path(json_out).read_text())
            result["seconds"] = time.perf_counter() - started
            results.append(result)

    print()
    for result in results:
        names = missed(result)
        summary = "all targets met" if not names else "MISSED: " + "; ".join(names)
        print(f"{result['database'].split(' (')[0]} ({result['seconds']:.0f} s): {summary}")
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(results, ensure_ascii=False, indent=1))
    return 1 if failed else 0


def _sizes(text):
    sizes = [int(part) for part in text.split(",")]
    if sizes != sorted(set(sizes)) or sizes[0] < 100:
        raise argparse.ArgumentTypeError("increasing sizes of at least 100, e.g. 20000,100000")
    return sizes


def _range(text):
    low, _, high = text.partition("-")
    low, high = int(low), int(high or low)
    if not 0 < low <= high:
        raise argparse.ArgumentTypeError("LOW-HIGH entries, e.g. 2000-20000")
    return low, high


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        type=_sizes,
        default=[20_000, 100_000],
        help="the measured user's journal sizes, measured in turn (20000,100000)",
    )
    parser.add_argument("--users", type=int, default=20, help="users in all (20)")
    parser.add_argument(
        "--others",
        type=_range,
        default=(2_000, 20_000),
        metavar="LOW-HIGH",
        help="the other users' entries, spread evenly (2000-20000)",
    )
    parser.add_argument(
        "--deep-page",
        type=int,
        default=1000,
        help="the deep Feed page measured at the largest size (1000)",
    )
    parser.add_argument("--requests", type=int, default=200, help="timed requests per page (200)")
    parser.add_argument(
        "--warmup", type=int, default=20, help="untimed requests per page first (20)"
    )
    parser.add_argument(
        "--query", default=DEFAULT_QUERY, help=f"Feed search text ({DEFAULT_QUERY})"
    )
    parser.add_argument(
        "--backend",
        choices=["all", "sqlite", "env"],
        default="all",
        help="all: SQLite, then DATABASE_URL's PostgreSQL if set (default); "
        "sqlite or env: only that one, in this process",
    )
    parser.add_argument(
        "--sqlite-memory", action="store_true", help="in-memory SQLite test database, not a file"
    )
    parser.add_argument("--show-sql", action="store_true", help="print each page's SQL and time")
    parser.add_argument(
        "--explain", action="store_true", help="print the plan of each page's slowest query"
    )
    parser.add_argument(
        "--profile", metavar="PAGE", help="at the largest size, profile this page (name or URL)"
    )
    parser.add_argument("--json-out", help="also write the results as JSON to this file")
    args = parser.parse_args()
    if args.users < 1 or args.requests < 2:
        parser.error("--users must be at least 1 and --requests at least 2")
    if args.deep_page < 2 or (args.deep_page - 1) * 20 >= args.sizes[-1]:
        parser.error("--deep-page must be at least 2 and within the largest size's journal")

    if args.backend == "all":
        sys.exit(run_all(args))
    scheme = os.environ.get("DATABASE_URL", "sqlite:").split(":")[0]
    if args.backend == "sqlite" and scheme != "sqlite":
        parser.error("--backend sqlite needs DATABASE_URL unset or sqlite:///...")
    run_backend(args)


if __name__ == "__main__":
    main()
