"""Gunicorn's settings, read from the working directory by every `gunicorn` we start
(make run, the Dockerfile, compose, the smoke test). Command-line flags win over these."""

import os

bind = [f"0.0.0.0:{os.environ.get('PORT', '8000')}"]
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
# Threaded workers: a request waiting on something slow holds one thread, not a whole
# worker. POST /api/perf/summary with "Prefer: wait=120" holds its thread up to 120 s, and
# perf/api.py lets at most threads - 1 of a worker's threads wait, so /healthz and the
# pages always find one free (bench/waits.py measures it).
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "150"))
accesslog = "-"
