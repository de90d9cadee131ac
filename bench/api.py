"""The JSON API over HTTP, against gunicorn on loopback: capture and listing, beside a floor.

Run from the repository root:

    .venv/bin/python bench/api.py [--entries 20000] [--requests 300]

It migrates a throwaway SQLite database, seeds one user with 20,000 entries over ten years,
starts gunicorn (2 workers, the app's own gunicorn.conf.py) on a free loopback port with
one extra endpoint, the floor: a bare authenticated API call (the same token auth, no
query of ours). Then it prints, over real HTTP:
- entry capture, POST /api/entries: p50/p95 latency and throughput, from one client and
  from four at once;
- GET /api/entries for a half-year (limit=200, the largest page) and walking the whole
  half-year page by page;
- the floor; every p95 also as a ratio to the floor's.
"""

import argparse
import concurrent.futures
import datetime
import http.client
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent

BENCH_SETTINGS = """
from perfassist.settings import *  # noqa: F403
ROOT_URLCONF = "bench_api_urls"
"""

BENCH_URLS = """
from django.contrib.auth.decorators import login_not_required
from django.urls import path
from ninja import NinjaAPI

from perfassist.api import TokenAuth
from perfassist.urls import urlpatterns as app_urlpatterns

floor_api = NinjaAPI(urls_namespace="bench", auth=TokenAuth(), docs_url=None,
                     openapi_url=None)


@floor_api.get("/floor")
def floor(request):
    return {}


patterns, app_name, namespace = floor_api.urls
for pattern in patterns:
    pattern.callback = login_not_required(pattern.callback)
urlpatterns = [path("__bench__/", (patterns, app_name, namespace)), *app_urlpatterns]
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def request(port, method, path, token, body=None):
    """One request on its own connection (gunicorn's sync workers close each one)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Authorization": f"Bearer {token}"}
    if body is not None:
        headers["Content-Type"] = "application/json"
        body = json.dumps(body)
    started = time.perf_counter()
    connection.request(method, path, body=body, headers=headers)
    response = connection.getresponse()
    data = response.read()
    elapsed = time.perf_counter() - started
    connection.close()
    if response.status >= 300:
        raise SystemExit(f"{method} {path} answered {response.status}: {data[:200]!r}")
    return elapsed, data


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=20_000)
    parser.add_argument("--requests", type=int, default=300, help="timed requests per case")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="perfassist-bench-api-"))
    (folder / "bench_api_settings.py").write_text(BENCH_SETTINGS)
    (folder / "bench_api_urls.py").write_text(BENCH_URLS)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench_api_settings",
        "DATABASE_URL": f"sqlite:///{folder / 'bench.sqlite3'}",
        "SECRET_KEY": "bench-only-not-secret-" + "x" * 40,
        "DEBUG": "false",
        "PYTHONPATH": os.pathsep.join([str(folder), str(REPO_ROOT)]),
        "LOG_LEVEL": "WARNING",
    }
    os.environ.update(env)
    sys.path[:0] = [str(folder), str(REPO_ROOT)]
    import django

    django.setup()
    from django.core.management import call_command

    from conftest import make_user
    from journal.models import ApiToken, Entry
    from journal.search import normalize_for_search

    call_command("migrate", verbosity=0)
    user = make_user("bench")
    rng = random.Random(20261124)
    today = datetime.date(2026, 11, 24)
    words = [
        "Migrated billing to Kafka",
        "Reviewed the search rollout",
        "Провёл собеседование",
        "Починил утечку памяти",
        "Cut CI time by caching wheels",
        "Mentored a new engineer",
    ]
    entries = []
    for n in range(args.entries):
        text = f"{rng.choice(words)} #{n}"
        entries.append(
            Entry(
                user=user,
                date=today - datetime.timedelta(days=n * 3650 // args.entries),
                type=rng.choice(["plan", "fact"]),
                text=text,
                search_text=normalize_for_search(text),
            )  # fmt: skip
        )
    Entry.objects.bulk_create(entries, batch_size=2000)
    _, token = ApiToken.issue(user, "bench")

    port = free_port()
    server = subprocess.Popen(
        [str(REPO_ROOT / ".venv/bin/gunicorn"), "perfassist.wsgi", "--bind",
         f"127.0.0.1:{port}", "--workers", "2", "--log-level", "warning"],
        cwd=REPO_ROOT, env=env, stdout=subprocess.DEVNULL,  # gunicorn.conf.py's access log
    )  # fmt: skip
    try:
        for _ in range(100):
            try:
                request(port, "GET", "/__bench__/floor", token)
                break
            except (ConnectionError, OSError):
                time.sleep(0.1)
        start = (today - datetime.timedelta(days=182)).isoformat()
        half_year = f"/api/entries?from={start}&to={today.isoformat()}&limit=200"

        def timed(method, path, body=None, count=args.requests):
            for _ in range(max(10, count // 10)):  # warm-up
                request(port, method, path, token, body)
            return [request(port, method, path, token, body)[0] for _ in range(count)]

        floor = timed("GET", "/__bench__/floor")
        capture_body = {"date": today.isoformat(), "type": "fact", "text": "Captured from a script"}
        capture = timed("POST", "/api/entries", capture_body)
        started = time.perf_counter()
        with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
            parallel = list(pool.map(
                lambda _: request(port, "POST", "/api/entries", token, capture_body)[0],
                range(args.requests),
            ))  # fmt: skip
        parallel_wall = time.perf_counter() - started
        listing = timed("GET", half_year)

        walk_started = time.perf_counter()
        path, pages, items = half_year, 0, 0
        while path:
            _, data = request(port, "GET", path, token)
            page = json.loads(data)
            pages, items = pages + 1, items + len(page["items"])
            path = f"{half_year}&cursor={page['next_cursor']}" if page["next_cursor"] else None
        walk = time.perf_counter() - walk_started
    finally:
        server.terminate()
        server.wait(timeout=10)

    floor_p95 = percentile(floor, 0.95)
    print(f"Journal: {args.entries} entries over ten years; gunicorn, 2 workers, SQLite; "
          f"{args.requests} timed requests a case")  # fmt: skip
    print(f"{'case':<40} {'p50 ms':>8} {'p95 ms':>8} {'p95/floor':>10} {'req/s':>8}")
    rows = [
        ("floor: bare authenticated GET", floor, len(floor) / sum(floor)),
        ("POST /api/entries, one client", capture, len(capture) / sum(capture)),
        ("POST /api/entries, four clients", parallel, len(parallel) / parallel_wall),
        ("GET half-year, limit=200", listing, len(listing) / sum(listing)),
    ]
    for name, times, rate in rows:
        p50, p95 = statistics.median(times) * 1000, percentile(times, 0.95) * 1000
        print(f"{name:<40} {p50:8.2f} {p95:8.2f} {p95 / 1000 / floor_p95:9.2f}x {rate:8.1f}")
    print(f"walking the half-year: {items} entries in {pages} pages, {walk * 1000:.0f} ms")


if __name__ == "__main__":
    main()
