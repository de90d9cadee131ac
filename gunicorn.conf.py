"""Gunicorn's settings, read from the working directory by every `gunicorn` we start
(make run, the Dockerfile, compose, the smoke test)."""

import os

# POST /api/perf/summary with "Prefer: wait=120" holds its worker up to 120 s.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "150"))
