# Two commands do all the set-up on a fresh machine:
#   make map   - virtual environment, install, build output/map.html
#   make test  - same environment plus test dependencies and chromium, run all tests
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
OUT    ?= output/map.html

.PHONY: map test bench install install-test browser lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -e ".[test]"
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

map: install
	$(BIN)/transitiekaart build --out $(OUT)

# Debian's chromium for the browser tests (what a person sees).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium; }

test: install-test browser
	$(BIN)/python -m pytest

bench: install-test
	$(BIN)/python -m pytest tests/benchmarks --benchmark-only --benchmark-columns=min,median,max,rounds

lint: install-test
	$(BIN)/ruff check geo layers mapbuilder tests

clean:
	rm -rf $(VENV) output/*.html
