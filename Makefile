# Two commands do all the set-up on a fresh machine:
#   make map   - virtual environment, install, build output/map.html
#   make test  - same environment plus test dependencies and chromium, run all tests
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
OUT    ?= output/map.html

.PHONY: map test bench bench-micro install install-test browser lint docs clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -e .
	touch $@

# the test extra, and the bench extra: the references one test and the benchmark compare against
$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -e ".[test,bench]"
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

map: install
	$(BIN)/transitiekaart build --out $(OUT)

# Debian's chromium (and fonts for its text) for the end-to-end tests in tests/e2e/ and build --png.
# The tests drive /usr/bin/chromium, so check that path, not any chromium on PATH.
BROWSER_PKGS := chromium fonts-dejavu-core fonts-liberation
browser:
	@if [ -x /usr/bin/chromium ] && [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]; then \
	  :; \
	else \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; \
	  elif command -v sudo >/dev/null 2>&1; then SUDO=sudo; \
	  else echo "make browser: need root or sudo to run: apt-get install -y $(BROWSER_PKGS)" >&2; exit 1; fi; \
	  echo "installing $(BROWSER_PKGS) with apt-get"; \
	  $$SUDO apt-get update -qq && \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(BROWSER_PKGS) >/dev/null; \
	fi
	@/usr/bin/chromium --version 2>/dev/null

# the page's pure JavaScript modules (static/lib/) with node's own test runner, then pytest
# on every core (pytest-xdist; a module's tests stay on one worker, so each module starts
# its chromium once). One test file alone: .venv/bin/python -m pytest tests/test_x.py
# node_modules: axe-core, which the accessibility test runs in the page
test: install-test browser node_modules/.installed
	node --test tests/js/
	$(BIN)/python -m pytest -n auto --dist loadscope

# ours against GeoDataFrame.explore() at 1k, 10k, 100k and 1M synthetic projects and, with
# folium's FastMarkerCluster too, at 100k and 1M partner-style ones (no ids, half outside
# the MRA), runs alternating; then the page's filter changes at 100k and 1M; each in a
# private temporary folder; writes BENCHMARKS.md
bench: install-test browser
	$(BIN)/python -m benchmarks.run
	$(BIN)/python -m benchmarks.filters
	$(BIN)/python -m benchmarks.check

# the pytest-benchmark microbenchmarks of analyse and render
bench-micro: install-test
	$(BIN)/python -m pytest tests/benchmarks --benchmark-only --benchmark-columns=min,median,max,rounds

# eslint (flat config: eslint.config.js) and axe-core from package-lock.json, no global install
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

lint: install-test node_modules/.installed
	$(BIN)/ruff check geo layers mapbuilder tests
	$(BIN)/python -m mypy geo layers
	npx eslint mapbuilder/static tests/js

# the command reference docs/cli.md and docs/cli.nl.md, generated from the parser, and the
# Python API index docs/api.md (tests/test_docs_options.py fails when they are out of date)
docs: install
	$(BIN)/python -m mapbuilder.cli.docs > docs/cli.md
	$(BIN)/python -m mapbuilder.cli.docs --lang nl > docs/cli.nl.md
	$(BIN)/python -m mapbuilder.cli.docs --api > docs/api.md

clean:
	rm -rf $(VENV) node_modules output/*.html
