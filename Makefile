# rokhdad — two commands do everything on a fresh machine:
#   make run    set up, then run the main job on the bundled examples
#   make test   set up, then run the test suite
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip install -q --disable-pip-version-check
EXTRAS ?= dev,postgres,parquet,web,dask
STAMP := $(VENV)/.installed-$(EXTRAS)

.PHONY: setup run test lint bench fuzz clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) --upgrade pip 2>&1 | grep -v '^WARNING: Location' || true
	$(PIP) -e '.[$(EXTRAS)]' 2>&1 | grep -v '^WARNING: Location' || true
	$(PY) -c "import rokhdad" && touch $@

# The main job: extract the bundled examples (summary table), store them in the embedded
# SQLite database, then serve the dashboard over it (Ctrl-C stops; NO_SERVE=1 skips serving).
DB ?= sqlite:///rokhdad.db
run: setup
	$(VENV)/bin/rokhdad extract examples --table
	$(VENV)/bin/rokhdad ingest examples --db $(DB)
	@if [ -z "$(NO_SERVE)" ]; then $(VENV)/bin/rokhdad serve --db $(DB); fi

# pytest exits 5 when it collected no test: that is a failure, not a pass.
test: setup
	@set +e; $(PY) -m pytest -q $(PYTEST_ARGS); rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "make test: no tests were collected" >&2; exit 1; fi; exit $$rc

# Every benchmark in bench/, side by side, into docs/benchmarks.md (≤ 15 minutes here).
bench:
	$(MAKE) setup EXTRAS=dev,bench,dask,postgres,parquet,web
	$(VENV)/bin/python bench/run_all.py

# Long fuzzing runs (atheris, coverage-guided): ≥ 1,000,000 inputs through normalize, 200,000
# through the readers, 100,000 through the whole pipeline, each split over FUZZ_JOBS processes
# with their own seeds. Stops at the first failing input (saved under fuzz-artifacts/ for
# replay: python scripts/fuzz.py TARGET FILE). FUZZ_RUNS scales all three.
FUZZ_RUNS ?= 1000000
FUZZ_JOBS ?= 2
fuzz:
	$(MAKE) setup EXTRAS=dev,fuzz
	rm -f fuzz-artifacts/report.jsonl
	$(VENV)/bin/python scripts/fuzz.py normalize --runs $(FUZZ_RUNS) --jobs $(FUZZ_JOBS) --report fuzz-artifacts/report.jsonl
	$(VENV)/bin/python scripts/fuzz.py read --runs $$(( $(FUZZ_RUNS) / 5 )) --jobs $(FUZZ_JOBS) --report fuzz-artifacts/report.jsonl
	$(VENV)/bin/python scripts/fuzz.py pipeline --runs $$(( $(FUZZ_RUNS) / 10 )) --jobs $(FUZZ_JOBS) --report fuzz-artifacts/report.jsonl
	cat fuzz-artifacts/report.jsonl

lint: setup
	$(VENV)/bin/ruff check src tests bench scripts
	$(VENV)/bin/ruff format --check src tests bench scripts

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache src/*.egg-info
