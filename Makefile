# The two commands of the README (run, test), plus lint, fix and the pieces they share.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
PORT ?= 8501
# Local by default; set ADDRESS=0.0.0.0 to serve a closed network. A specific address also
# spares Streamlit its start-up lookup of the machine's external IP, which needs the internet.
ADDRESS ?= localhost

.PHONY: install run test test-fast browser lint fix validate bench bench-quick

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(PY) -m streamlit run dashboard/app.py --server.port $(PORT) --server.address $(ADDRESS)

# Everything CI runs: lint, types, the data check, and every test, browser tests included.
test: $(STAMP) browser
	$(PY) -m ruff check .
	$(PY) -m mypy
	$(PY) -m dashboard validate
	$(PY) -m pytest

# Fast loop while coding: no browser tests.
test-fast: $(STAMP)
	$(PY) -m pytest -m "not browser"

browser:
	@bash scripts/ensure_chromium.sh

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check dashboard tests scripts benchmarks
	$(PY) -m mypy

fix: $(STAMP)
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format dashboard tests scripts benchmarks

validate: $(STAMP)
	$(PY) -m dashboard validate

# Performance figures (prints a table, writes benchmarks/results.md); not part of the tests.
bench: $(STAMP) browser
	$(PY) -m benchmarks.run

bench-quick: $(STAMP) browser
	$(PY) -m benchmarks.run --quick
