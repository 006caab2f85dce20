# Two commands do all the set-up on a fresh machine with Python 3.11+ and make:
#   make run   - create .venv, install, generate the demo corpus, run the whole pipeline
#   make test  - create .venv, install the dev extras (and Debian's chromium for browser tests), run the suite

# The venv's interpreter: the distribution's /usr/bin/python3 when it is 3.11+ with venv (distributions build
# CPython with PGO + LTO: 1.3x faster here than a plain pyenv build, docs/operations.md), else python3 on PATH.
SYSTEM_PYTHON := $(shell /usr/bin/python3 -c 'import sys, venv, ensurepip; sys.exit(sys.version_info < (3, 11))' \
                   2>/dev/null && echo /usr/bin/python3)
PYTHON ?= $(or $(SYSTEM_PYTHON),python3)
VENV   := .venv
BIN    := $(VENV)/bin
HOME_DIR ?= ./data
PYTEST_ARGS ?= -n 2  # two workers: the whole suite in ~9 min on the 2-core machine instead of ~15+

export PREFECT_SERVER_ANALYTICS_ENABLED := false
export DO_NOT_TRACK := 1

.PHONY: run test bench clean install install-dev

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

run: $(VENV)/.installed
	$(BIN)/arxiv-digest --home $(HOME_DIR) run

test: $(VENV)/.installed-dev
	sh tests/ensure_chromium.sh
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# every benchmark, one after another (~15 min; run on a quiet machine, see docs/benchmarks.md)
bench: $(VENV)/.installed-dev
	$(BIN)/python bench/bench_parse.py --repeats 15
	$(BIN)/python bench/bench_ingest.py --repeat 3 --cores 2,1 --parse-workers 2
	$(BIN)/python bench/bench_marts.py
	$(BIN)/python bench/bench_scale.py

clean:
	rm -rf $(VENV) data test-output .pytest_cache .hypothesis
