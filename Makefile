# detente: every target CI calls. `make demo` and `make test` create .venv themselves.
PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
DB     ?= demo.duckdb
SHARED ?= ../shared/data

.PHONY: demo test eval lint bench fuzz install install-dev clean browser

$(BIN)/activate:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Error: $(PYTHON) not found; set PYTHON=/path/to/python3.11"; exit 2; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# The stamp files make installs happen once, and again when pyproject.toml changes.
# Every package comes from a hashed lock file (scripts/lock.sh writes them from pyproject.toml),
# so a fresh clone installs exactly what CI tested; nothing is resolved anew.
$(VENV)/.installed: $(BIN)/activate pyproject.toml requirements/model.txt requirements/lock.txt
	$(PY) -m pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	$(PY) -m pip install --quiet --no-deps --require-hashes -r requirements/lock.txt
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements/lock-dev.txt
	$(PY) -m pip install --quiet --no-deps --require-hashes -r requirements/lock-dev.txt
	touch $@

# Bytecode for detente's own modules, written here once: an editable install has none, and
# where PYTHONDONTWRITEBYTECODE is set every command compiled ~200 modules again as it
# started (0.3 s per process: the command and, with workers, the fork server too).
# compileall skips what is up to date; Python recompiles in memory anything edited later.
install: $(VENV)/.installed
	@$(PY) -m compileall -q src/detente >/dev/null
install-dev: $(VENV)/.installed-dev
	@$(PY) -m compileall -q src/detente >/dev/null

demo: install
	rm -f $(DB) $(DB).wal
	$(BIN)/detente run src/detente/demo/corpus --db $(DB)
	$(BIN)/detente report --db $(DB) --html demo-dashboard.html
	@echo "Dashboard written to demo-dashboard.html; explore with: $(BIN)/detente serve --db $(DB)"

# Chromium for the dashboard's browser tests, where apt is available (CI runs as root).
browser:
	@test -x /usr/bin/chromium || { command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ] && \
	  (apt-get update -qq && apt-get install -y -qq chromium chromium-driver >/dev/null) || \
	  echo "note: /usr/bin/chromium missing; browser tests will be skipped"; }

test: install-dev browser
	$(BIN)/pytest -q -n 2 --dist loadfile

eval: install-dev
	$(BIN)/detente eval all --data $(SHARED) --check-floors eval/floors.json

# Style, types, and the architecture: layers import downward only, no circles in a package.
lint: install-dev
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

# Every benchmark runs; the target fails at the end if any missed its target.
bench: install-dev
	@failed=""; for b in bench/bench_*.py; do echo "== $$b"; $(PY) $$b || failed="$$failed $$b"; done; \
	if [ -n "$$failed" ]; then echo "missed targets:$$failed"; exit 1; fi

clean:
	rm -rf $(VENV) $(DB) $(DB).wal demo-dashboard.html .pytest_cache .mypy_cache

# Fuzz every decoder and extraction (tests/fuzz_targets.py): 100,000 inputs per target.
fuzz: install-dev
	$(PY) scripts/fuzz.py --inputs 100000
