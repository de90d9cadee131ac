"""Gunicorn's settings, read from the working directory by every `gunicorn` we start
(make run, the Dockerfile, compose, the smoke test). Command-line flags win over these."""

import os

bind = [f"0.0.0.0:{os.environ.get('PORT', '8000')}"]
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
# POST /api/perf/summary with "Prefer: wait=120" holds its worker up to 120 s.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "150"))
accesslog = "-"
