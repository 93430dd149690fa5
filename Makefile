# freshdesk-warehouse: every target creates the virtualenv it needs, with the extras it needs.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DOCS_PORT ?= 8080
# make load SANDBOX=tiny|demo|bench: load a synthetic sandbox account instead of your own
SANDBOX ?=
# make load MAX_MINUTES=60: stop at the first checkpoint after 60 minutes (exit 75: more to read)
MAX_MINUTES ?=
# make shell MODE=csv: how the shell prints results (box, line, csv, markdown); BAIL=1: a script stops at its first error
MODE ?=
BAIL ?=
# make test TEST_WORKERS=1: how many pytest-xdist workers run the suite (4 by default: two a core on 2 cores, since
# many tests wait on sleeps, signals and child processes)
TEST_WORKERS ?= 4
# the loader, or the sandbox's loader when SANDBOX is set
LOADER = $(if $(SANDBOX),load.sandbox load --scale $(SANDBOX),load)
# an extra's stamp: `$(call with,sandbox docs)` installs the project with those extras first
with = $(foreach e,$(1),$(VENV)/.extra-$(e))

.PHONY: help setup load full-refresh transform docs report serve-docs shell demo sandbox test test-fast bench lint clean

help: ## Show this help
	@if [ -t 1 ]; then c='\033[36m'; r='\033[0m'; else c=''; r=''; fi; \
	awk -v c="$$c" -v r="$$r" 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  %s%-14s%s %s\n", c, $$1, r, $$2}' $(MAKEFILE_LIST)

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11 or newer is needed")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.extra-%: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[$*]'
	@touch $@

setup: $(call with,dev postgres sandbox docs) ## Create .venv and install the project with every extra and the dev tools

load: $(call with,postgres $(if $(SANDBOX),sandbox)) ## Load your Freshdesk account into data/work.duckdb or FRESHDESK_DESTINATION_URL (SANDBOX=demo: a synthetic account)
	$(BIN)/python -m $(LOADER) $(if $(MAX_MINUTES),--max-minutes $(MAX_MINUTES))

full-refresh: $(call with,postgres $(if $(SANDBOX),sandbox)) ## Drop the loader's raw tables and state, then load from scratch (asks first; YES=1 does not)
	$(BIN)/python -m $(LOADER) --full-refresh $(if $(YES),--yes)

transform: $(call with,postgres) ## Build and test the 29 tables with dbt, then publish them to data/freshdesk.duckdb (on PostgreSQL they are built in place); a summary, dbt's full log in data/logs/dbt.log
	@$(BIN)/python -m load.warehouse transform

docs: $(call with,postgres docs) ## Build the dbt docs site with the ERD into data/docs (after transform)
	@$(BIN)/python -m load.warehouse.docs

report: $(call with,postgres docs) ## Build the support-metrics report (charts, one HTML file that needs no server) into the docs site (after transform)
	@$(BIN)/python -m load.warehouse.report

serve-docs: $(call with,postgres docs) ## Serve the docs site on localhost and print its URL (foreground; Ctrl-C stops)
	@dir=$$($(BIN)/python -m load.paths docs_dir); \
	test -f $$dir/index.html || $(MAKE) --no-print-directory docs || exit; \
	test -f $$($(BIN)/python -m load.paths report_html) || $(MAKE) --no-print-directory report || exit; \
	echo "docs site: http://127.0.0.1:$(DOCS_PORT)/#!/overview  report: http://127.0.0.1:$(DOCS_PORT)/report.html  (Ctrl-C stops)"; \
	$(BIN)/python -m http.server $(DOCS_PORT) --bind 127.0.0.1 --directory $$dir

shell: $(call with,postgres) ## Open a read-only SQL shell on the published warehouse (or run SQL piped in; MODE=csv, BAIL=1)
	@$(BIN)/python -m load.warehouse.shell $(if $(MODE),--mode $(MODE)) $(if $(BAIL),--bail)

demo: $(call with,postgres sandbox docs) ## Load the sandbox's demo account, build the warehouse, its docs site and report
	@$(MAKE) --no-print-directory load SANDBOX=$(or $(SANDBOX),demo)
	@$(MAKE) --no-print-directory transform docs report
	@echo
	@echo "warehouse: $$($(BIN)/python -m load.paths published_db)  (query it: make shell)"
	@dir=$$($(BIN)/python -m load.paths docs_dir); \
	echo "docs site: $$dir/index.html  (serve it: make serve-docs; no server: open $$dir/static_index.html)"
	@echo "report: $$($(BIN)/python -m load.paths report_html)  (opens from the file)"

sandbox: $(call with,sandbox) ## Serve a sandbox Freshdesk account on loopback (foreground; Ctrl-C stops)
	$(BIN)/python -m load.sandbox serve --port 8765 --scale $(or $(SANDBOX),demo)

# the oldest DuckDB the published file is written for (publish.STORAGE_COMPATIBILITY), installed beside the
# venv for tests/warehouse_file/test_compatibility.py: the suite itself downloads nothing
$(VENV)/old-duckdb: load/warehouse/publish.py | $(VENV)/.extra-dev
	rm -rf $@
	$(BIN)/python -m pip install --quiet --no-deps --target $@ "duckdb==$$($(BIN)/python -c \
		'from load.warehouse.publish import STORAGE_COMPATIBILITY as v; print(v.removeprefix("v"))')"

test: $(call with,dev postgres sandbox docs) $(VENV)/old-duckdb ## Run the whole test suite (sandbox, loader, dbt models, faults, PostgreSQL when a server is given)
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadscope --durations=15

test-fast: $(call with,dev postgres sandbox docs) ## Run the fast part of the suite (no end-to-end loads or dbt builds; about 15 seconds)
	$(BIN)/python -m pytest -m "not slow"

bench: $(call with,postgres sandbox) ## Measure load speed, incremental cost, memory and dbt time on the sandbox (bench-results.json; how long it takes: BENCHMARKS.md)
	$(BIN)/python -m load.bench $(BENCH_ARGS)

lint: $(call with,dev) ## Lint the Python code
	$(BIN)/ruff check load tests

clean: ## Remove the virtualenv, built data and dbt artifacts
	rm -rf $(VENV) data dbt_project/target dbt_project/logs logs .pytest_cache .ruff_cache
