#!/usr/bin/env bash
# `make run`: the web server and the background worker together; Ctrl+C stops both.
# Each is kept running on its own: if one dies, it is started again (and says so), and the
# other goes on serving. One that keeps dying at once (5 times within 10 s each, such as a
# port already taken) stops everything, with its last words above.
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
QUICK_DEATHS=5

keep_running() {
  local name=$1 quick=0 child started code
  shift
  trap 'kill -TERM "$child" 2>/dev/null; wait "$child"; exit 0' INT TERM
  while :; do
    started=$SECONDS
    "$@" &
    child=$!
    wait "$child"
    code=$?
    if ((SECONDS - started < 10)); then quick=$((quick + 1)); else quick=0; fi
    if ((quick >= QUICK_DEATHS)); then
      echo "make run: the $name stopped $QUICK_DEATHS times in a row right after starting (exit $code); giving up." >&2
      exit 1
    fi
    echo "make run: the $name stopped (exit $code); starting it again." >&2
    sleep 1
  done
}

keep_running worker "$BIN/python" manage.py run_worker --queue-name '*' &
worker=$!
# Workers, threads and timeout from gunicorn.conf.py; only the address differs: localhost.
keep_running "web server" "$BIN/gunicorn" perfassist.wsgi --bind "${HOST:-127.0.0.1}:${PORT:-8000}" &
web=$!
trap 'kill -TERM "$worker" "$web" 2>/dev/null; wait' INT TERM EXIT
# Either keeper exits only when it gives up: then stop the other too.
wait -n
