#!/usr/bin/env bash
# Runs the processes of docker-compose.yml directly (no Docker engine needed): migrate,
# collectstatic, gunicorn and the summary worker; checks that the app answers over HTTP
# and that the worker writes a queued summary.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${DATABASE_URL:?set DATABASE_URL to the PostgreSQL database to smoke-test against}"

BIN=.venv/bin
DATA_DIR=$(mktemp -d)
PORT=$($BIN/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export PERFASSIST_DATA_DIR=$DATA_DIR ALLOWED_HOSTS=127.0.0.1 DEBUG=false

cleanup() {
  for pid in ${GUNICORN_PID:-} ${WORKER_PID:-}; do
    kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  done
  rm -rf "$DATA_DIR"
}
trap cleanup EXIT

$BIN/python manage.py migrate --noinput --verbosity 0
$BIN/python manage.py collectstatic --noinput --verbosity 0
$BIN/gunicorn perfassist.wsgi --bind "127.0.0.1:$PORT" --workers 2 --log-level warning &
GUNICORN_PID=$!
$BIN/python manage.py db_worker --queue-name '*' --interval 0.2 >"$DATA_DIR/worker.log" 2>&1 &
WORKER_PID=$!

for _ in $(seq 50); do
  curl -fsS -o /dev/null "http://127.0.0.1:$PORT/accounts/setup/" 2>/dev/null && break
  sleep 0.2
done

fail() { echo "smoke: $*" >&2; exit 1; }
status=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "http://127.0.0.1:$PORT/today/")
[[ $status == "302 http://127.0.0.1:$PORT/accounts/login/?next=/today/" ]] || fail "anonymous /today/ gave '$status'"
setup=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/accounts/setup/")
[[ $setup == 200 ]] || fail "the first-run page gave $setup on an empty database"
css=$(curl -s "http://127.0.0.1:$PORT/accounts/setup/" | grep -o '/static/css/app\.[0-9a-f]*\.css' | head -1)
[[ -n $css ]] || fail "the page links no hashed stylesheet: collectstatic's manifest is not in use"
code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT$css")
[[ $code == 200 ]] || fail "whitenoise served $css with $code"
$BIN/python manage.py shell -v0 -c "
import datetime
from django.contrib.auth import get_user_model
from journal.models import Entry
from perf.services import create_summary, start_summary
user = get_user_model().objects.create_user('smoke', password='smoke passphrase 1')
Entry.objects.create(user=user, date=datetime.date(2026, 3, 3), type='fact', text='Shipped #search, p95 30 ms to 9 ms')
start_summary(create_summary(user, start=datetime.date(2026, 3, 1), end=datetime.date(2026, 3, 31)))
"
summary_status() {
  $BIN/python manage.py shell -v0 -c "from perf.models import PerfSummary; print(PerfSummary.objects.get().status)"
}
for _ in $(seq 100); do
  [[ $(summary_status) == done ]] && break
  sleep 0.3
done
[[ $(summary_status) == done ]] || { cat "$DATA_DIR/worker.log" >&2; fail "the worker did not write the queued summary"; }

health=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/healthz")
[[ $health == 200 ]] || fail "/healthz gave $health"

# The API over HTTP, as the README shows it: a token, an entry, a summary waited for.
token=$($BIN/python manage.py create_api_token smoke --name smoke)
api() { curl -s -H "Authorization: Bearer $token" -H 'Content-Type: application/json' "$@"; }
code=$(api -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$PORT/api/entries" \
  -d '{"date": "2026-03-04", "type": "fact", "text": "Cut CI time from 20 to 8 minutes"}')
[[ $code == 201 ]] || fail "POST /api/entries gave $code"
answer=$(api -X POST -H 'Prefer: wait=60' "http://127.0.0.1:$PORT/api/perf/summary" \
  -d '{"period_start": "2026-03-01", "period_end": "2026-03-31"}')
[[ $answer == *'"status": "done"'* && $answer == *'Cut CI time'* ]] \
  || fail "POST /api/perf/summary with Prefer: wait did not come back done: $answer"

echo "smoke: migrate, collectstatic and gunicorn on $($BIN/python -c 'import environ; print(environ.Env.db_url_config("'"$DATABASE_URL"'")["ENGINE"].rsplit(".", 1)[-1])') answered as expected; the worker wrote a summary, also one asked for over the API"
