# Two commands matter: `make run` (set up, seed the demo, serve) and `make test` (set up, run every test).
# `make help` lists the rest.

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
FLASK := $(VENV)/bin/flask --app wsgi
STATIC := tracker/static
GOVUK := node_modules/govuk-frontend/dist/govuk
AUTOCOMPLETE := node_modules/accessible-autocomplete/dist
HOST ?= 127.0.0.1
PORT ?= 5000
# Real Ofsted PDFs whose parse `make bench` times (relative to the project); the bench says so if absent.
ARCHIVE ?= ../shared/corpus/archive
# Root installs system packages itself; anyone else through sudo.
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

.DEFAULT_GOAL := help
.PHONY: help run test test-sqlite test-postgresql bench load lint format setup setup-test clean

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

run: setup ## Set up, migrate, seed the demo and serve on http://127.0.0.1:5000, with the job worker
	$(FLASK) db upgrade
	$(FLASK) seed
	@echo "Demo accounts are listed in README.md; they all use the password printed above."
	@# The job worker (publishing, a draft's Word and PDF files) runs beside the server and stops with it.
	$(FLASK) jobs worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT; \
	  $(FLASK) run --host $(HOST) --port $(PORT)

test: setup-test ## Set up with the test tools, lint, then run the whole suite on SQLite and the tests that use the database on PostgreSQL
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	@# The two runs at once, one to a core: the PostgreSQL run spends much of its time waiting on the
	@# server, and together they take little longer than it alone. Each run's output is printed whole
	@# when it ends (--output-sync), so the two do not interleave.
	$(MAKE) --no-print-directory -j2 --output-sync=target test-sqlite test-postgresql

bench: setup-test ## Time every page at 1,000, 10,000 and 100,000 actions on SQLite and PostgreSQL, and the parse of the PDFs in ARCHIVE; writes docs/performance.md
	$(PY) -m tests.benchmark --archive $(ARCHIVE)

load: setup-test $(VENV)/.load-installed ## 50 users of the three kinds for 60 s against gunicorn (4 workers) and PostgreSQL; writes docs/performance.md
	$(PY) -m tests.load

test-sqlite: setup-test ## Only the SQLite run of the suite
	$(PY) -m pytest --database=sqlite

test-postgresql: setup-test ## Only the PostgreSQL run of the suite (the tests that use the database)
	$(PY) -m pytest --database=postgresql

lint: setup-test ## ruff check and format check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: setup-test ## Format the code with ruff
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

setup: $(VENV)/.app-installed $(STATIC)/govuk-frontend.min.js $(STATIC)/accessible-autocomplete.min.js pdf-packages ## Python packages, GOV.UK Frontend, PDF libraries

setup-test: setup $(VENV)/.dev-installed system-packages ## setup, plus the test tools and Debian's chromium

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip

$(VENV)/.app-installed: pyproject.toml $(VENV)/bin/python
	$(VENV)/bin/pip install --quiet -e .
	touch $@

$(VENV)/.dev-installed: pyproject.toml $(VENV)/.app-installed
	$(VENV)/bin/pip install --quiet -e '.[dev]'
	touch $@

$(VENV)/.load-installed: pyproject.toml $(VENV)/.dev-installed
	$(VENV)/bin/pip install --quiet -e '.[load]'
	touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund

# GOV.UK Frontend's built CSS, JavaScript, fonts and images, copied (not committed) into the static folder.
$(STATIC)/govuk-frontend.min.js: node_modules/.package-lock.json
	cp -R $(GOVUK)/assets/. $(STATIC)/
	cp $(GOVUK)/govuk-frontend.min.css $(GOVUK)/govuk-frontend.min.js $(STATIC)/
	touch $@

# GOV.UK's accessible-autocomplete for long selects of people (app.js loads it only where one is), copied likewise.
$(STATIC)/accessible-autocomplete.min.js: node_modules/.package-lock.json
	cp $(AUTOCOMPLETE)/accessible-autocomplete.min.css $(AUTOCOMPLETE)/accessible-autocomplete.min.js $(STATIC)/
	touch $@

# Pango, HarfBuzz and a font for WeasyPrint's PDFs of committee reports; installed only when missing.
.PHONY: pdf-packages
pdf-packages:
	@missing=""; \
	for package in libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-liberation; do \
	  dpkg -s $$package >/dev/null 2>&1 || missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing from Debian:$$missing"; \
	  $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

# Debian's chromium for the browser tests (no browser download is possible here), the PostgreSQL server binaries for the throwaway test database, redis-server for the throttle's cross-process test, unshare and mount for the servers run in namespaces of their own (the throwaway PostgreSQL, the full-disk test), LibreOffice Writer (no GUI) for the test that opens the Word paper as LibreOffice does, and poppler-utils (pdfinfo, pdftotext) for the tests that read the PDFs; installed only when missing.
.PHONY: system-packages
system-packages:
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || missing="$$missing postgresql"; \
	command -v redis-server >/dev/null || missing="$$missing redis-server"; \
	command -v unshare >/dev/null || missing="$$missing util-linux"; \
	command -v mount >/dev/null || missing="$$missing mount"; \
	command -v soffice >/dev/null || missing="$$missing libreoffice-writer-nogui"; \
	command -v pdfinfo >/dev/null || missing="$$missing poppler-utils"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing from Debian:$$missing"; \
	  $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

clean: ## Remove the virtualenv, node_modules, copied assets and the local database
	rm -rf $(VENV) node_modules instance
	find $(STATIC) -mindepth 1 ! -name app.js ! -name tracker.css -exec rm -rf {} +
