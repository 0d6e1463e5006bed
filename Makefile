# rokhdad — two commands do everything on a fresh machine:
#   make run    set up, then run the main job on the bundled examples
#   make test   set up, then run the test suite
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip install -q --disable-pip-version-check
EXTRAS ?= dev
STAMP := $(VENV)/.installed-$(EXTRAS)

.PHONY: setup run test lint clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) --upgrade pip 2>&1 | grep -v '^WARNING: Location' || true
	$(PIP) -e '.[$(EXTRAS)]' 2>&1 | grep -v '^WARNING: Location' || true
	$(PY) -c "import rokhdad" && touch $@

run: setup
	$(VENV)/bin/rokhdad extract examples --table

# pytest exits 5 when it collected no test: that is a failure, not a pass.
test: setup
	@set +e; $(PY) -m pytest -q $(PYTEST_ARGS); rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "make test: no tests were collected" >&2; exit 1; fi; exit $$rc

lint: setup
	$(VENV)/bin/ruff check src tests bench scripts
	$(VENV)/bin/ruff format --check src tests bench scripts

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache src/*.egg-info
