"""Server time of Perf Assist's main pages, measured against a bare-layout floor.

Run from the repository root:

    .venv/bin/python bench/pages.py [--entries 20000] [--requests 200]

It seeds one user with --entries entries (ten years ending today, several a day, Russian
and English work notes) in a throwaway test database, then times many in-process requests
(django.test.Client: the full WSGI handler and middleware stack) to Today, Feed page 1,
Feed page 100 and a Feed search, beside a bare view that renders base.html with no queries
of ours (the floor). Targets: every page's p95 within 3x the floor's p95, Feed search within
5x. A missed target is printed as MISSED; the exit code stays 0 (non-zero only if the
benchmark itself fails, e.g. a page does not answer 200).

SQLite is always measured (a file-based test database in a temporary folder); PostgreSQL
too when DATABASE_URL points at it (Django's test machinery creates and drops test_<name>).
Each backend runs in its own child process, so each gets a fresh Django.
"""

import argparse
import datetime
import gc
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import types
import warnings
from collections import Counter
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent

FLOOR_PATH = "/__bench__/floor/"
PAGE_TARGET = 3.0
SEARCH_TARGET = 5.0
# A Russian word in mixed case; the generated journal uses it in a few hundred entries.
DEFAULT_QUERY = "Утечку"

# --------------------------------------------------------------------------------------
# Journal text: (plan, fact) pairs sharing their slots, so a fact can fulfil its plan.
# --------------------------------------------------------------------------------------

RU_PAIRS = [
    ("Починить утечку памяти в воркере {svc}", "Починил утечку памяти в воркере {svc}"),
    ("Найти утечку соединений в {svc}", "Нашёл утечку соединений в {svc}: пул не закрывался"),
    ("Сделать ревью {n} PR в {svc}", "Провёл ревью {n} PR в {svc}"),
    ("Созвониться с {person_ru} по миграции {db}", "Созвонился с {person_ru} по миграции {db}"),
    ("Написать тесты для {svc}", "Написал тесты для {svc}, покрытие выросло до {pct}%"),
    ("Обновить документацию по деплою {svc}", "Обновил документацию по деплою {svc}"),
    ("Ускорить медленный запрос в {svc}", "Ускорил запрос в {svc} с {ms1} до {ms2} мс"),
    ("Настроить алерты в Grafana для {svc}", "Настроил алерты в Grafana для {svc}"),
    ("Помочь {person_ru} с настройкой окружения", "Помог {person_ru} с настройкой окружения"),
    ("Выкатить релиз {ver} в прод", "Выкатил релиз {ver} в прод, всё спокойно"),
    (
        "Разобраться, почему падают тесты на CI",
        "Разобрался с падением тестов на CI: гонка в фикстурах",
    ),
    ("Спланировать спринт с командой", "Спланировали спринт, взяли {n} задач"),
    ("Провести собеседование на бэкенд", "Провёл собеседование, кандидат сильный в SQL"),
    ("Переписать модуль платежей на новый API", "Переписал модуль платежей на новый API"),
    (
        "Обсудить с {person_ru} архитектуру очередей",
        "Обсудили с {person_ru} архитектуру очередей в {svc}",
    ),
    ("Закрыть тикеты из бэклога", "Закрыл {n} тикетов из бэклога"),
    ("Позаниматься со стажёром по Django", "Менторил стажёра: разобрали ORM и миграции"),
    ("Обновить зависимости в {svc}", "Обновил зависимости в {svc}, поднял Django до {ver}"),
    ("Подготовить демо для заказчика", "Показал демо заказчику, ждём обратную связь"),
    ("Разобрать инцидент в {svc}", "Разобрал инцидент в {svc}: кончилось место на диске"),
    (
        "Добавить индекс в таблицу {table}",
        "Добавил индекс в таблицу {table}, запрос стал в {n} раз быстрее",
    ),
    (
        "Написать постмортем по вчерашнему сбою",
        "Написал постмортем, ещё {n} action items на команду",
    ),
    ("Настроить ретраи в клиенте {svc}", "Настроил ретраи с экспоненциальной задержкой в {svc}"),
    ("Оценить задачу по отчётам", "Оценил задачу по отчётам в {n} дней"),
    ("Провести one-to-one с {person_ru}", "Провёл one-to-one с {person_ru}, обсудили рост"),
    ("Починить flaky-тест в {svc}", "Починил flaky-тест в {svc}, дело было в часовом поясе"),
    ("Перенести cron-задачи {svc} в Celery", "Перенёс cron-задачи {svc} в Celery beat"),
    ("Проверить логи после релиза", "Проверил логи после релиза {ver}, ошибок нет"),
]

EN_PAIRS = [
    ("Review PRs for the {svc} service", "Reviewed {n} PRs for the {svc} service"),
    ("Fix the memory leak in the {svc} worker", "Fixed the memory leak in the {svc} worker"),
    ("Write tests for {svc}", "Wrote tests for {svc}; coverage is up to {pct}%"),
    (
        "Sync with {person_en} about the {db} migration",
        "Synced with {person_en} about the {db} migration",
    ),
    ("Speed up the slow query in {svc}", "Cut the {svc} query from {ms1} to {ms2} ms"),
    ("Ship release {ver}", "Shipped release {ver} to production"),
    ("Investigate the flaky CI job", "Found the flaky CI job: a race in the fixtures"),
    (
        "Pair with {person_en} on the {svc} refactor",
        "Paired with {person_en} on the {svc} refactor",
    ),
    ("Update the on-call runbook", "Updated the on-call runbook for {svc}"),
    ("Interview a backend candidate", "Interviewed a backend candidate, strong on SQL"),
    ("Plan the sprint", "Planned the sprint: {n} tickets in"),
    ("Triage the bug backlog", "Triaged the bug backlog, closed {n} stale tickets"),
    ("Add an index to {table}", "Added an index to {table}; the report is {n}x faster"),
    ("Write the postmortem for the outage", "Wrote the postmortem, {n} action items"),
    ("Set up alerts for {svc}", "Set up latency alerts for {svc} in Grafana"),
    ("Mentor the intern on Django", "Mentored the intern: querysets and migrations"),
    ("Upgrade dependencies in {svc}", "Upgraded dependencies in {svc}, Django to {ver}"),
    ("Prepare the demo for the client", "Gave the client demo, waiting for feedback"),
    ("Estimate the reporting epic", "Estimated the reporting epic at {n} days"),
    ("Move {svc} cron jobs to Celery", "Moved {svc} cron jobs to Celery beat"),
    ("Have a 1:1 with {person_en}", "Had a 1:1 with {person_en}, talked about growth"),
    ("Check the logs after the release", "Checked the logs after {ver}: clean"),
]

RU_EXTRAS = [
    "Заняло больше времени, чем думал.",
    "Завтра продолжу.",
    "Нужно ещё согласовать с командой.",
    "Записал детали в тикет.",
    "Осталось обновить документацию.",
    "Помогли коллеги из соседней команды.",
]
EN_EXTRAS = [
    "Took longer than expected.",
    "Will continue tomorrow.",
    "Need to agree on it with the team.",
    "Details are in the ticket.",
    "Docs still to update.",
    "Got help from the platform team.",
]

SLOTS = {
    "svc": ["billing", "auth", "search", "notifications", "reports", "payments", "gateway"],
    "db": ["PostgreSQL", "ClickHouse", "Redis", "MySQL"],
    "table": ["orders", "invoices", "events", "users", "sessions"],
    "person_ru": ["Аней", "Борисом", "Викой", "Глебом", "Дашей", "Егором"],
    "person_en": ["Alice", "Bob", "Carol", "Dan", "Erin", "Frank"],
}


def _fill(template, rng):
    values = {name: rng.choice(choices) for name, choices in SLOTS.items()}
    values.update(
        n=rng.randint(2, 12),
        pct=rng.randint(60, 95),
        ms1=rng.randint(300, 2000),
        ms2=rng.randint(20, 250),
        ver=f"{rng.randint(1, 6)}.{rng.randint(0, 20)}",
    )
    return template.format(**values)


def _journal_day(rng, count):
    """`count` entries for one day as (type, text, index of the plan a fact fulfils)."""
    plans = max(1, round(count * 0.4)) if count > 1 else rng.choice([0, 1])
    items, open_plans = [], []
    for _ in range(plans):
        pairs = RU_PAIRS if rng.random() < 0.5 else EN_PAIRS
        plan, fact = rng.choice(pairs)
        items.append(["plan", _fill(plan, rng), None])
        open_plans.append((len(items) - 1, fact, pairs is RU_PAIRS))
    for _ in range(count - plans):
        if open_plans and rng.random() < 0.6:
            # The plan got done: the fact tells the same story and points at it.
            plan_index, fact, russian = open_plans.pop(rng.randrange(len(open_plans)))
            items.append(["fact", _fill(fact, rng), plan_index])
        else:
            russian = rng.random() < 0.5
            _, fact = rng.choice(RU_PAIRS if russian else EN_PAIRS)
            items.append(["fact", _fill(fact, rng), None])
        roll = rng.random()
        extras = RU_EXTRAS if russian else EN_EXTRAS
        if roll < 0.25:
            items[-1][1] += " " + rng.choice(extras)
        elif roll < 0.30:
            # A longer note on several lines now and then.
            lines = [rng.choice(extras) for _ in range(rng.randint(2, 5))]
            items[-1][1] += "\n" + "\n".join(lines)
    return items


def seed(user, total, today, *, seed_value=20_261_124):
    """Bulk-create `total` entries for `user` over ten years ending `today`."""
    from journal.models import Entry, normalize_for_search, previous_working_day

    rng = random.Random(seed_value)
    start = today - datetime.timedelta(days=3652)  # ten years, whatever today's date is
    days = [start + datetime.timedelta(days=i) for i in range((today - start).days + 1)]
    weights = [1.0 if day.weekday() < 5 else 0.08 for day in days]
    per_day = Counter(rng.choices(days, weights, k=total))

    # Today and the working day before it get a full board, so Today shows real work; the
    # entries they take come from other days, so the total stays `total`.
    full_days = {today: 8, previous_working_day(today): 7}
    for day, wanted in full_days.items():
        missing = wanted - per_day[day]
        per_day[day] = wanted
        while missing > 0:
            donor = rng.choice(days[:-30])
            if per_day[donor] > 0 and donor not in full_days:
                per_day[donor] -= 1
                missing -= 1
        while missing < 0:
            per_day[rng.choice(days[:-30])] += 1
            missing += 1
    assert sum(per_day.values()) == total

    plans, facts = [], []
    for day in days:
        if not per_day[day]:
            continue
        made = []
        for type_, text, plan_index in _journal_day(rng, per_day[day]):
            entry = Entry(
                user=user,
                date=day,
                type=type_,
                text=text,
                # bulk_create skips Entry.save(), which normally keeps search_text.
                search_text=normalize_for_search(text),
                fulfils_plan=made[plan_index] if plan_index is not None else None,
            )
            made.append(entry)
            (plans if type_ == "plan" else facts).append(entry)
    # Plans first: facts point at them.
    Entry.objects.bulk_create(plans, batch_size=1000)
    Entry.objects.bulk_create(facts, batch_size=1000)
    return len(plans), len(facts), sum(1 for fact in facts if fact.fulfils_plan_id)


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
# Measuring one backend (child process).
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


def measure(args, database_label):
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils.http import urlencode

    from journal.models import Entry
    from journal.views.feed import ENTRIES_PER_PAGE

    user = get_user_model().objects.create_user("bench", password="bench-password")
    today = user.profile.today()

    started = time.perf_counter()
    plan_count, fact_count, linked = seed(user, args.entries, today)
    seed_seconds = time.perf_counter() - started
    analyzed = ""
    if connection.vendor == "postgresql":
        # Autovacuum soon vacuums and analyzes a freshly loaded table; don't measure before
        # it (no statistics, and no visibility map for index-only scans).
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        analyzed = ", after VACUUM ANALYZE"
    matches = Entry.objects.for_user(user).search(args.query).count()

    pages = [
        ("Floor (bare base.html)", FLOOR_PATH, None),
        ("Today", "/today/", PAGE_TARGET),
        ("Feed page 1", "/feed/", PAGE_TARGET),
        ("Feed page 100", "/feed/?page=100", PAGE_TARGET),
        ("Feed search", "/feed/?" + urlencode({"q": args.query}), SEARCH_TARGET),
    ]
    client = Client()
    client.force_login(user)

    for _ in range(args.warmup):
        for name, url, _ in pages:
            response = client.get(url)
            if response.status_code != 200:
                raise SystemExit(f"{name}: GET {url} answered {response.status_code}, not 200")

    # Then one checked request per page, with its SQL captured and each query timed (warm, and
    # apart from the timed requests: capturing adds its own cost).
    queries, entry_rows = {}, {}
    for name, url, _ in pages:
        query_times = []
        timed = _query_timer(query_times)
        with CaptureQueriesContext(connection) as captured, connection.execute_wrapper(timed):
            response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{name}: GET {url} answered {response.status_code}, not 200")
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
            response = client.get(url)
            elapsed = time.perf_counter() - t0
            if response.status_code != 200:
                raise SystemExit(f"{name}: GET {url} answered {response.status_code}, not 200")
            timings[name].append(elapsed * 1000)

    if args.profile:
        profile_page(client, dict((name, url) for name, url, _ in pages), args.profile)

    floor_p50 = statistics.median(timings[pages[0][0]])
    floor_p95 = _percentile(timings[pages[0][0]], 95)
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
                "p50_ms": p50,
                "p95_ms": p95,
                "p50_ratio": p50 / floor_p50,
                "p95_ratio": p95 / floor_p95,
                "target": target,
                "met": None if target is None else p95 / floor_p95 <= target,
                "sql": queries[name],
            }
        )
    return {
        "database": database_label + analyzed,
        "entries": args.entries,
        "plans": plan_count,
        "facts": fact_count,
        "linked_facts": linked,
        "seed_seconds": seed_seconds,
        "query": args.query,
        "query_matches": matches,
        "feed_pages": -(-args.entries // ENTRIES_PER_PAGE),
        "requests": args.requests,
        "warmup": args.warmup,
        "rows": rows,
    }


def print_report(result, show_sql=False):
    print()
    print(f"== {result['database']}")
    print(
        f"   {result['entries']} entries ({result['plans']} plans, {result['facts']} facts, "
        f"{result['linked_facts']} facts fulfil a plan), seeded in {result['seed_seconds']:.1f} s; "
        f"search q={result['query']!r} matches {result['query_matches']} entries; "
        f"{result['requests']} timed requests per page after {result['warmup']} warm-up"
    )
    if result["feed_pages"] < 100:
        print(f"   NOTE: only {result['feed_pages']} Feed pages: page 100 shows the last one")
    header = (
        f"   {'page':<24} {'SQL':>3} {'rows':>4} {'p50 ms':>8} {'p95 ms':>8} {'p50/floor':>9} "
        f"{'p95/floor':>9} {'target':>7}  result"
    )
    print(header)
    print("   " + "-" * (len(header) - 3))
    for row in result["rows"]:
        target = "-" if row["target"] is None else f"<={row['target']:.0f}x"
        verdict = "" if row["met"] is None else ("ok" if row["met"] else "MISSED")
        print(
            f"   {row['page']:<24} {row['queries']:>3} {row['entry_rows']:>4} "
            f"{row['p50_ms']:>8.2f} {row['p95_ms']:>8.2f} "
            f"{row['p50_ratio']:>8.2f}x {row['p95_ratio']:>8.2f}x {target:>7}  {verdict}"
        )
    print("   (SQL: queries per request; rows: entries the page shows; target: on p95/floor)")
    if show_sql:
        for row in result["rows"]:
            print(f"\n   -- {row['page']} ({row['url']})")
            for sql, ms in row["sql"]:
                print(f"   [{ms:7.3f} ms] {sql}")
    sys.stdout.flush()


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
                "--entries",
                str(args.entries),
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
            command += ["--sqlite-memory"] if args.sqlite_memory else []
            command += ["--profile", args.profile] if args.profile else []
            if subprocess.run(command, env=env).returncode != 0 or not os.path.exists(json_out):
                print(f"\n{backend}: the benchmark failed (see above)")
                failed = True
                continue
            results.append(json.loads(Path(json_out).read_text()))

    print()
    for result in results:
        missed = [row["page"] for row in result["rows"] if row["met"] is False]
        summary = "all targets met" if not missed else "MISSED: " + ", ".join(missed)
        print(f"{result['database'].split(' (')[0]}: {summary}")
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(results, ensure_ascii=False, indent=1))
    return 1 if failed else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=20_000, help="entries to seed (20000)")
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
        "--profile", metavar="PAGE", help="after timing, profile this page (name or URL)"
    )
    parser.add_argument("--json-out", help="also write the results as JSON to this file")
    args = parser.parse_args()
    if args.entries < 100 or args.requests < 2:
        parser.error("--entries must be at least 100 and --requests at least 2")

    if args.backend == "all":
        sys.exit(run_all(args))
    scheme = os.environ.get("DATABASE_URL", "sqlite:").split(":")[0]
    if args.backend == "sqlite" and scheme != "sqlite":
        parser.error("--backend sqlite needs DATABASE_URL unset or sqlite:///...")
    run_backend(args)


if __name__ == "__main__":
    main()
