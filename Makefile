# The two commands of the README (run, test), plus lint, fix and the pieces they share.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
PORT ?= 8501
# Local by default; set ADDRESS=0.0.0.0 to serve a closed network.
ADDRESS ?= localhost
# The host name readers type (Streamlit's browser.serverAddress): the URL printed at start-up.
# Given it, Streamlit does not look up the machine's addresses, which on a wildcard ADDRESS
# means a request to checkip.amazonaws.com and a probe of 8.8.8.8. Default: this machine's
# name when ADDRESS is a wildcard, ADDRESS itself otherwise.
BROWSER_ADDRESS ?= $(if $(filter 0.0.0.0 ::,$(ADDRESS)),$(shell uname -n),$(ADDRESS))
APP ?= dashboard/app.py

.PHONY: install run test test-fast browser lint fix validate catalogs bench bench-quick

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

# Streamlit serves every file in the app's static/ folder, dotfiles included: refuse those first.
run: $(STAMP)
	$(PY) scripts/check_static.py $(dir $(APP))static
	$(PY) -m streamlit run $(APP) --server.port $(PORT) --server.address $(ADDRESS) \
		--browser.serverAddress $(BROWSER_ADDRESS)

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

# After changing any text in the code: bring the translation catalogs (dashboard/locales) in step
# and list what translators still have to do. `make test` fails until none is left.
catalogs: $(STAMP)
	$(PY) -m dashboard.catalogs

# Performance figures (prints a table, writes benchmarks/results.md); not part of the tests.
bench: $(STAMP) browser
	$(PY) -m benchmarks.run

bench-quick: $(STAMP) browser
	$(PY) -m benchmarks.run --quick
