# Set-up is automatic: every target creates .venv and installs the project into it when needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: play test lint install bench check clean fuzz

play: $(STAMP)
	$(BIN)/briefing play

test: lint
	$(BIN)/python -m pytest

# ruff (lint and format), mypy (strict on the core) and the import contracts in pyproject.toml
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

check: $(STAMP)
	$(BIN)/briefing check --strict

# the generated-input tests with many more examples than make test runs (a few minutes)
fuzz: $(STAMP)
	BRIEFING_FUZZ=1 $(BIN)/python -m pytest -q -p no:cacheprovider tests/test_fuzz_scenarios.py tests/authoring/test_explore_merge.py

bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .hypothesis
