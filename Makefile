# Task runner. The README's two commands: `make serve` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8866
KLYNGE ?= vestrum
SUDO   := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)
PYTEST_ARGS ?=
LAB_ARGS ?=

.PHONY: serve test install install-test chromium hubproxy lint lab build benchmarks clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

## Set up and serve the Voilà dashboards for the default cluster on http://localhost:$(PORT)
serve: $(VENV)/.installed
	$(BIN)/landsby serve --port $(PORT) --klynge $(KLYNGE)

## JupyterLab for consultants: the dashboards run for KLYNGE into working copies outside git (also as root)
lab: $(VENV)/.installed
	$(BIN)/landsby lab $(KLYNGE) $(LAB_ARGS)

## Debian's Chromium for the browser tests (Playwright drives it; it never downloads a browser)
chromium:
	@command -v chromium >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium fonts-dejavu-core; }

## JupyterHub's proxy (npm's configurable-http-proxy, in .venv/node_modules) for tests/test_jupyterhub.py
$(VENV)/node_modules/.bin/configurable-http-proxy: | $(BIN)/python
	@command -v npm >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq nodejs npm; }
	npm install --silent --no-audit --no-fund --prefix $(VENV) 'configurable-http-proxy@>=4.6 <6'

hubproxy: $(VENV)/node_modules/.bin/configurable-http-proxy

## Install what the tests need and run every test
test: $(VENV)/.installed-test chromium hubproxy
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check landsby_utils tests benchmarks

build: $(VENV)/.installed
	$(BIN)/landsby build --all

clean:
	rm -rf build .pytest_cache test-artifacts
