# Two commands on a fresh machine with Python 3.11+: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 5000
WORKERS ?= 2
THREADS ?= 4
CHROMIUM ?= /usr/bin/chromium
export FLASK_APP := wsgi

.PHONY: run setup test test-fast test-postgres bench bench-school profile draft-eval lint audit format browser-deps clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.txt | $(BIN)/activate
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements-dev.txt $(VENV)/.installed
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

## setup: create the database (kept if it exists) and load every quiz in questions/
setup: $(VENV)/.installed
	$(BIN)/flask init-db
	$(BIN)/flask questions load
	$(BIN)/flask teacher ensure

## run: set up, then serve with gunicorn on http://$(HOST):$(PORT)
run: setup
	@echo "Serving on http://$(HOST):$(PORT)  (Ctrl+C to stop)"
	HOST=$(HOST) PORT=$(PORT) WORKERS=$(WORKERS) THREADS=$(THREADS) \
		$(BIN)/gunicorn --config gunicorn.conf.py --access-logfile -

## browser-deps: Debian's Chromium for the browser tests (installed here when run as root)
browser-deps:
	@if [ ! -x "$(CHROMIUM)" ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
		else \
			echo "The browser tests need Chromium at $(CHROMIUM): sudo apt-get install chromium"; exit 1; \
		fi; \
	fi

## test: lint, then every test (unit, test-client and browser) on SQLite
test: $(VENV)/.dev-installed browser-deps lint
	$(BIN)/pytest

## test-fast: the quick tests only, while working: no browser tests, none marked slow, no lint
test-fast: $(VENV)/.dev-installed
	$(BIN)/pytest -m "not browser and not slow"

## test-postgres: every test again on PostgreSQL: TEST_DATABASE_URL names a server where the
## role may create databases; without it, .ci/postgres starts Debian's (as root) and says where
test-postgres: $(VENV)/.dev-installed browser-deps
	TEST_DATABASE_URL="$${TEST_DATABASE_URL:-$$(bash .ci/postgres)}" $(BIN)/pytest

BENCH_LEARNERS ?= 500
BENCH_THINK ?= 2
BENCH_DB ?= sqlite

$(VENV)-bench/.installed: bench/requirements.txt
	$(PYTHON) -m venv $(VENV)-bench
	$(VENV)-bench/bin/pip install --quiet --disable-pip-version-check -r bench/requirements.txt
	touch $@

## bench: load-test the deployed app (BENCH_LEARNERS, BENCH_THINK, BENCH_DB=sqlite|postgres)
bench: $(VENV)/.dev-installed $(VENV)-bench/.installed
	$(BIN)/python bench/run.py --learners $(BENCH_LEARNERS) --think $(BENCH_THINK) --db $(BENCH_DB)

## bench-school: the target load: 2,000 learners, 7 s between steps (about 10 minutes)
bench-school:
	$(MAKE) bench BENCH_LEARNERS=2000 BENCH_THINK=7

## profile: where a learner's request spends its time, endpoint by endpoint (cProfile)
profile: $(VENV)/.dev-installed
	$(BIN)/python bench/hot_path.py

## draft-eval: the drafter on the first article against its hand-made bank; the cleaner on every test article
draft-eval: $(VENV)/.installed
	$(BIN)/python bench/draft_eval.py

## lint: ruff (lint and format) and bandit's security checks of app/
lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/bandit --quiet --recursive app

## audit: known vulnerabilities in the pinned requirements (needs PyPI's JSON API online)
audit: $(VENV)/.dev-installed
	$(BIN)/pip install --quiet --disable-pip-version-check pip-audit==2.10.1
	$(BIN)/pip-audit --strict -r requirements.txt -r requirements-dev.txt

format: $(VENV)/.dev-installed
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) $(VENV)-bench .pytest_cache .ruff_cache
