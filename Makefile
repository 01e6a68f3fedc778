# sanxiang — `make demo` and `make test` set up everything they need on a fresh machine.
SHELL := /bin/bash
.DEFAULT_GOAL := help
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PYTEST_ARGS ?=
PY_DIRS := $(wildcard src tests tools bench) conftest.py

.PHONY: help install demo serve test lint types check test-sqlite test-postgres bench clean browser-deps

help:
	@echo "make demo   — install, rebuild the demo database (SQLite under var/) and serve http://127.0.0.1:8000"
	@echo "make test   — install, then ruff, mypy, Django checks and the whole suite on SQLite and PostgreSQL"
	@echo "make bench  — run the benchmarks in bench/ (JSON under bench/results/)"

# setup.py builds the ledger's compiled scan (src/sanxiang/ledger/_native.c) during the install;
# it is optional for pip, so a missing compiler would pass unnoticed: the import below says so.
$(STAMP): pyproject.toml requirements.lock setup.py src/sanxiang/ledger/_native.c
	@scripts/install-build-deps.sh
	@test -x $(BIN)/python || "$$(scripts/find-python.sh)" -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c requirements.lock -e '.[dev]'
	@$(BIN)/python -c 'import sanxiang.ledger._native' || { echo "the ledger's compiled scan was not built (see the pip output above)" >&2; exit 1; }
	@touch $@

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/sanxiang demo

serve: $(STAMP)
	$(BIN)/sanxiang serve

lint: $(STAMP)
	$(BIN)/ruff check $(PY_DIRS)
	$(BIN)/ruff format --check $(PY_DIRS)

types: $(STAMP)
	$(BIN)/mypy

check: $(STAMP)
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

# Debian's Chromium and CJK fonts for tests/browser (Playwright never downloads a browser here).
browser-deps:
	@scripts/install-browser.sh

test-sqlite: $(STAMP) browser-deps
	SANXIANG_VAR_DIR=$$(mktemp -d /tmp/sanxiang-var.XXXXXX) $(BIN)/pytest -q $(PYTEST_ARGS)

# The browser tests run once, on SQLite: they test pages through a live server, not the database.
test-postgres: $(STAMP)
	SANXIANG_VAR_DIR=$$(mktemp -d /tmp/sanxiang-var.XXXXXX) scripts/with-postgres.sh $(BIN)/pytest -q --ignore=tests/browser --ignore=src/sanxiang/evidence/tests/test_store.py $(PYTEST_ARGS)

test: lint types check test-sqlite test-postgres

bench: $(STAMP)
	@mkdir -p bench/results
	@for b in bench/*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) var build src/sanxiang/ledger/_native.*.so
