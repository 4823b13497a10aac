# Two entry points for a fresh machine: `make run` (set up, check and build the sample dossier) and `make test`.
VENV ?= .venv
BIN = $(VENV)/bin
SAMPLE = samples/voorbeeldstad
REGIO = samples/regio-dalvelde
PYTHON ?= python3

.PHONY: setup run run-regio test lint typecheck unit golden templates validators bench fuzz

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

setup: $(VENV)/.installed

run: setup
	$(BIN)/afsprakengen build $(SAMPLE) --out build/voorbeeldstad

# The second sample: a region of three gemeenten (one excerpt per gemeente, one regional evaluation).
run-regio: setup
	$(BIN)/afsprakengen build $(REGIO) --out build/regio-dalvelde

lint: setup
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: setup
	$(BIN)/mypy

unit: setup
	$(BIN)/pytest

test: lint typecheck unit

# Rewrite the golden files (expected outputs) after a deliberate change; review the diff before committing.
golden: setup
	$(BIN)/pytest --update-golden

# Regenerate the default Word templates from their Python description (a test fails when they disagree).
templates: setup
	$(BIN)/python scripts/make_templates.py

# Regenerate the shipped quick schema checks (src/afsprakengen/check/validators/) after a change to schemas/*.json
# (a test fails when they disagree; until then check compiles the schema afresh, never using a stale one).
validators: setup
	$(BIN)/python scripts/make_validators.py

# The speed goals, measured and printed as a table (benchmarks/run.py); not part of `make test`.
# Exit 0 also when a goal is not met; BENCH_QUICK=1 builds 20 batch dossiers instead of 342 and extrapolates.
# GROUPS="render check" measures only those groups (render, check, cli, monitor, batch).
# The package is byte-compiled first, as a wheel's install does: an editable checkout under
# PYTHONDONTWRITEBYTECODE would otherwise compile every module from source in every measured process.
bench: setup
	$(BIN)/python -m compileall -q src >/dev/null
	$(BIN)/python -m benchmarks.run $(GROUPS)

# 10,000 mutated dossiers checked (tests/fuzz.py): no internal error, no hang, every problem at a place that exists.
# `make test` runs 300 of them (tests/test_fuzz.py); FUZZ_CASES and FUZZ_SEED change the count and the seed.
FUZZ_CASES ?= 10000
FUZZ_SEED ?= 15
fuzz: setup
	$(BIN)/python -m tests.fuzz --cases $(FUZZ_CASES) --seed $(FUZZ_SEED)
