# freshdesk-warehouse: every target creates the virtualenv it needs.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DBT := $(BIN)/dbt
DBT_FLAGS := --project-dir dbt_project --profiles-dir .
SANDBOX_SCALE ?= demo
WAREHOUSE := $(or $(FRESHDESK_DUCKDB_PATH),data/freshdesk.duckdb)
DOCS_DIR ?= data/docs
DOCS_PORT ?= 8080

.PHONY: help setup load transform docs serve-docs shell demo sandbox test bench lint clean

help: ## Show this help
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  \033[36m%-14s\033[0m %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11 or newer is needed")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,postgres]'
	@touch $(STAMP)

setup: $(STAMP) ## Create .venv and install the project with its dev tools

load: $(STAMP) ## Load Freshdesk into data/work.duckdb or FRESHDESK_DESTINATION_URL (the sandbox when no credentials are set)
	$(BIN)/python -m load --sandbox-scale $(SANDBOX_SCALE)

transform: $(STAMP) ## Build and test the 29 tables with dbt, then publish them to data/freshdesk.duckdb (on PostgreSQL they are built in place)
	$(BIN)/python -m load.warehouse --publish $(DBT) build $(DBT_FLAGS) --exclude-resource-type unit_test

docs: $(STAMP) ## Build the dbt docs site with the ERD into data/docs (after transform)
	$(BIN)/python -m load.docs --site-dir $(DOCS_DIR)

serve-docs: $(STAMP) ## Serve the docs site on localhost and print its URL (foreground; Ctrl-C stops)
	@test -f $(DOCS_DIR)/index.html || $(MAKE) --no-print-directory docs
	@echo "docs site: http://127.0.0.1:$(DOCS_PORT)/#!/overview  (Ctrl-C stops)"
	@$(BIN)/python -m http.server $(DOCS_PORT) --bind 127.0.0.1 --directory $(DOCS_DIR)

shell: $(STAMP) ## Open a read-only SQL shell on the published warehouse
	@$(BIN)/python -m load.shell --db $(WAREHOUSE)

demo: load transform docs ## Load the sandbox account, build the warehouse and its docs site
	@echo
	@echo "warehouse: $(WAREHOUSE)  (query it: make shell)"
	@echo "docs site: $(DOCS_DIR)/index.html  (serve it: make serve-docs; no server: open $(DOCS_DIR)/static_index.html)"

sandbox: $(STAMP) ## Serve a sandbox Freshdesk account on loopback (foreground; Ctrl-C stops)
	$(BIN)/python -m load.sandbox serve --port 8765 --scale $(SANDBOX_SCALE)

test: $(STAMP) ## Run the test suite (sandbox, loader, dbt models)
	$(BIN)/python -m pytest

bench: $(STAMP) ## Measure load speed, incremental cost, memory and dbt time on the sandbox (60-80 min on 2 cores; bench-results.json)
	$(BIN)/python -m load.bench $(BENCH_ARGS)

lint: $(STAMP) ## Lint the Python code
	$(BIN)/ruff check load tests

clean: ## Remove the virtualenv, built data and dbt artifacts
	rm -rf $(VENV) data dbt_project/target dbt_project/logs logs .pytest_cache .ruff_cache
