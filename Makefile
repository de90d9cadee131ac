# Perf Assist: `make run` serves the app, `make test` runs the whole suite.
PYTHON_VERSION := $(shell cat .python-version)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test test-llamacpp lint smoke messages bench clean

# The virtualenv is made from the Python named in .python-version: python3.13 on PATH, or pyenv's.
$(BIN)/python:
	@py="$$(command -v python$(PYTHON_VERSION) 2>/dev/null)"; \
	if [ -z "$$py" ] && command -v pyenv >/dev/null 2>&1; then \
		py="$$(PYENV_VERSION=$(PYTHON_VERSION) pyenv which python 2>/dev/null)"; fi; \
	if [ -z "$$py" ] || ! "$$py" -c 'import sys; sys.exit(sys.version_info[:2] != tuple(map(int, "$(PYTHON_VERSION)".split("."))))'; then \
		echo "Perf Assist needs Python $(PYTHON_VERSION): install python$(PYTHON_VERSION) (or 'pyenv install $(PYTHON_VERSION)') and run make again." >&2; \
		exit 1; fi; \
	echo "Creating $(VENV) with $$py"; \
	"$$py" -m venv $(VENV)

$(VENV)/.installed: $(BIN)/python requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

run: $(VENV)/.installed
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	@echo "Perf Assist is on http://$(HOST):$(PORT)/, with its summary worker (Ctrl+C stops both)"
	HOST=$(HOST) PORT=$(PORT) bash scripts/serve.sh

test: $(VENV)/.installed-dev
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The llamacpp tests against a real llama.cpp server on loopback, as CI runs them. The first
# run builds llama-cpp-python (about 10 minutes) into ~/.cache/perfassist; later runs reuse it.
test-llamacpp: $(VENV)/.installed-dev
	@dir=$$(mktemp -d); trap 'bash scripts/llamacpp_server.sh stop "$$dir"; rm -rf "$$dir"' EXIT; \
	bash scripts/llamacpp_server.sh start "$$dir" >/dev/null && \
	PERFASSIST_LLAMACPP_URL=$$(cat "$$dir/url") \
	$(BIN)/python -m pytest -m llamacpp -s perf/tests/test_llamacpp.py $(PYTEST_ARGS)

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/lint-imports

# Runs the compose file's processes against DATABASE_URL (reading that file needs PyYAML, a dev requirement).
smoke: $(VENV)/.installed-dev
	bash scripts/smoke.sh

# After changing user-facing strings: update the Russian catalog, translate, then compile.
messages: $(VENV)/.installed-dev
	$(BIN)/python manage.py makemessages -l ru --no-obsolete --ignore='bench/*' --ignore='.venv/*'
	$(BIN)/python manage.py compilemessages -l ru --ignore='.venv/*'

bench: $(VENV)/.installed-dev
	$(BIN)/python bench/pages.py

clean:
	rm -rf $(VENV) staticfiles
