#!/usr/bin/env bash
# Runs the processes of docker-compose.yml directly (no Docker engine needed):
# migrate, collectstatic, then gunicorn; checks over HTTP that the app answers.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${DATABASE_URL:?set DATABASE_URL to the PostgreSQL database to smoke-test against}"

BIN=.venv/bin
DATA_DIR=$(mktemp -d)
PORT=$($BIN/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export PERFASSIST_DATA_DIR=$DATA_DIR ALLOWED_HOSTS=127.0.0.1 DEBUG=false

cleanup() {
  [ -n "${GUNICORN_PID:-}" ] && kill "$GUNICORN_PID" 2>/dev/null && wait "$GUNICORN_PID" 2>/dev/null
  rm -rf "$DATA_DIR"
}
trap cleanup EXIT

$BIN/python manage.py migrate --noinput --verbosity 0
$BIN/python manage.py collectstatic --noinput --verbosity 0
$BIN/gunicorn perfassist.wsgi --bind "127.0.0.1:$PORT" --workers 2 --log-level warning &
GUNICORN_PID=$!

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
echo "smoke: migrate, collectstatic and gunicorn on $($BIN/python -c 'import environ; print(environ.Env.db_url_config("'"$DATABASE_URL"'")["ENGINE"].rsplit(".", 1)[-1])') answered as expected"
