"""/healthz and the login page while API calls wait for summaries (Prefer: wait).

Serves the app as `make run` does (scripts/serve.sh: gunicorn from gunicorn.conf.py and the
worker) on a throwaway SQLite database, with a local fake model that takes 25 s to answer.
It measures /healthz and the login page first with nothing waiting (the floor), then with
--waits calls of `POST /api/perf/summary` + `Prefer: wait=20` held open, and prints p50
and p95 of each with the ratio to the floor. Target: /healthz p95 under 200 ms with two or
more waits held.

Usage: .venv/bin/python bench/waits.py [--waits 10] [--requests 60]
"""

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from perf.tests.fake_llm import FakeLLM, Step  # noqa: E402
from perfassist.tests.processes import App  # noqa: E402

FACT = {"date": "2026-11-24", "type": "fact", "text": "Shipped the billing migration"}
PERIOD = {"period_start": "2026-11-01", "period_end": "2026-11-30"}
TARGET = 0.2


def timings(app, requests):
    seconds = app.page_seconds(requests)
    return seconds["/healthz"], seconds["/accounts/login/"]


def p(values, quantile):
    if quantile == 50:
        return statistics.median(values)
    return statistics.quantiles(values, n=100)[quantile - 1]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--waits", type=int, default=10, help="API calls waiting at once")
    parser.add_argument("--requests", type=int, default=60, help="of each page, per phase")
    args = parser.parse_args()

    fake = FakeLLM().start()
    fake.respond(lambda body: Step(delay=25, text='{"summary_text": "late", "goals": []}'))
    with tempfile.TemporaryDirectory() as data_dir:
        app = App(
            Path(data_dir), LLM_PROVIDER="anthropic", ANTHROPIC_API_KEY="k",
            ANTHROPIC_BASE_URL=fake.url,
        )  # fmt: skip
        token = app.prepare()
        app.start()
        try:
            app.api("POST", "/entries", token, FACT)
            floor_health, floor_login = timings(app, args.requests)
            threads, held = app.hold_waits(args.waits, PERIOD)
            time.sleep(2)
            health, login = timings(app, args.requests)
            for thread in threads:
                thread.join(60)
        finally:
            app.stop()
            fake.stop()

    waited = sum(1 for _status, seconds in held if seconds >= 15)
    print(
        f"{args.waits} Prefer: wait calls: {waited} held their thread up to 20 s, "
        "the rest answered 202 at once"
    )
    print(f"{'page':<22}{'floor p50':>10}{'floor p95':>10}{'p50':>8}{'p95':>8}{'p95/floor':>10}")
    pages = (("/healthz", floor_health, health), ("/accounts/login/", floor_login, login))
    for name, floor, during in pages:
        print(
            f"{name:<22}{p(floor, 50) * 1000:>8.0f}ms{p(floor, 95) * 1000:>8.0f}ms"
            f"{p(during, 50) * 1000:>6.0f}ms{p(during, 95) * 1000:>6.0f}ms"
            f"{p(during, 95) / p(floor, 95):>9.1f}x"
        )
    verdict = "met" if p(health, 95) < TARGET and waited >= 2 else "MISSED"
    print(
        f"target: /healthz p95 under {TARGET * 1000:.0f} ms with two or more waits held: {verdict}"
    )


if __name__ == "__main__":
    main()
