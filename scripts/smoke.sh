#!/usr/bin/env bash
# Runs the processes of docker-compose.yml directly (no Docker engine needed), with the very
# commands the compose file and the Dockerfile hold: collectstatic, then web (migrate, then
# gunicorn with gunicorn.conf.py), then the worker once web is healthy. Then walks the app
# over HTTP as a new user (scripts/smoke_http.py) and runs the README's API flow.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${DATABASE_URL:?set DATABASE_URL to the PostgreSQL database to smoke-test against}"

BIN=.venv/bin
# `python` and `gunicorn` in those commands are the virtualenv's, as /venv/bin is in the image.
export PATH="$PWD/$BIN:$PATH"
DATA_DIR=$(mktemp -d)
PORT=$(python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export PERFASSIST_DATA_DIR=$DATA_DIR ALLOWED_HOSTS=127.0.0.1 DEBUG=false PORT

cleanup() {
  for pid in ${WEB_PID:-} ${WORKER_PID:-}; do
    kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  done
  rm -rf "$DATA_DIR"
}
trap cleanup EXIT
fail() { echo "smoke: $*" >&2; exit 1; }

mapfile -t commands < <(python - <<'PY'
import re, shlex, yaml
services = yaml.safe_load(open("docker-compose.yml"))["services"]
dockerfile = open("Dockerfile").read()
print(re.search(r"^RUN (.*manage\.py collectstatic.*)$", dockerfile, re.M).group(1))
for name in ("web", "worker"):
    command = services[name]["command"]
    print(shlex.split(command)[2] if command.startswith("sh -c ") else command)
PY
)
COLLECTSTATIC=${commands[0]} WEB=${commands[1]} WORKER=${commands[2]}

echo "smoke: $COLLECTSTATIC"
sh -c "$COLLECTSTATIC"
echo "smoke: $WEB"
sh -c "$WEB" >"$DATA_DIR/web.log" 2>&1 &
WEB_PID=$!
for _ in $(seq 100); do
  python scripts/healthcheck.py 2>/dev/null && break
  kill -0 "$WEB_PID" 2>/dev/null || { cat "$DATA_DIR/web.log" >&2; fail "web exited"; }
  sleep 0.2
done
python scripts/healthcheck.py || { cat "$DATA_DIR/web.log" >&2; fail "the image's HEALTHCHECK failed"; }
echo "smoke: $WORKER"
sh -c "exec $WORKER" >"$DATA_DIR/worker.log" 2>&1 &
WORKER_PID=$!

python scripts/smoke_http.py "http://127.0.0.1:$PORT" \
  || { tail -50 "$DATA_DIR/web.log" "$DATA_DIR/worker.log" >&2; exit 1; }

# The API over HTTP, as the README shows it: a token, an entry, a summary waited for.
token=$(python manage.py create_api_token smoke --name smoke)
api() { curl -s -H "Authorization: Bearer $token" -H 'Content-Type: application/json' "$@"; }
code=$(api -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$PORT/api/entries" \
  -d '{"date": "2026-03-04", "type": "fact", "text": "Cut CI time from 20 to 8 minutes"}')
[[ $code == 201 ]] || fail "POST /api/entries gave $code"
answer=$(api -X POST -H 'Prefer: wait=60' "http://127.0.0.1:$PORT/api/perf/summary" \
  -d '{"period_start": "2026-03-01", "period_end": "2026-03-31"}')
[[ $answer == *'"status": "done"'* && $answer == *'Cut CI time'* ]] \
  || fail "POST /api/perf/summary with Prefer: wait did not come back done: $answer"

# docs/backup.md's procedure: pg_dump, pg_restore into a new database, and the journal is
# all there (its export from the restored database is the same).
if [[ $DATABASE_URL == postgres* ]]; then
  RESTORE_DB="perfassist_restore_$$"
  RESTORE_URL="${DATABASE_URL%/*}/$RESTORE_DB"
  pg_dump -Fc "$DATABASE_URL" >"$DATA_DIR/backup.dump"
  psql -q "$DATABASE_URL" -c "create database $RESTORE_DB"
  trap 'psql -q "$DATABASE_URL" -c "drop database if exists $RESTORE_DB" >/dev/null; cleanup' EXIT
  pg_restore --no-owner --clean --if-exists -d "$RESTORE_URL" "$DATA_DIR/backup.dump"
  original=$(python manage.py export_journal --user smoke | grep -v '"exported_at"')
  restored=$(DATABASE_URL=$RESTORE_URL python manage.py export_journal --user smoke | grep -v '"exported_at"')
  [[ $original == "$restored" && $original == *'Cut CI time'* ]] \
    || fail "the journal restored from pg_dump differs from the original"
  echo "smoke: pg_dump and pg_restore into a new database gave back the same journal"
fi

engine=$(python -c 'import environ, sys; print(environ.Env.db_url_config(sys.argv[1])["ENGINE"].rsplit(".", 1)[-1])' "$DATABASE_URL")
echo "smoke: the compose processes ran on $engine; the web walk-through and the API flow passed"
