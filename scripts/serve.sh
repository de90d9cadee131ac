#!/usr/bin/env bash
# `make run`: the web server and the perf-summary worker together; Ctrl+C stops both,
# and if either dies the other is stopped too.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin

"$BIN/python" manage.py db_worker --queue-name '*' &
worker=$!
# Workers and timeout from gunicorn.conf.py; only the address differs: localhost by default.
"$BIN/gunicorn" perfassist.wsgi --bind "${HOST:-127.0.0.1}:${PORT:-8000}" &
web=$!
trap 'kill "$worker" "$web" 2>/dev/null || true; wait' INT TERM EXIT
wait -n
