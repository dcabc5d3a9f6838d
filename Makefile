# Engagierte Stadt CMS — one entry point for people and CI.
#   make run    install, migrate, seed the demo content, serve http://127.0.0.1:8000
#   make test   install what tests need (Chromium and Redis too, as root with apt-get), run the
#               whole suite (PYTEST_ARGS="-k ..." to narrow)
#   make bench  benchmark against the peers (docs/performance.md), then the hostile queries
#               and Varnish while towns publish (make bench-publishing, docs/scaling.md)

PYTHON ?= python3
VENV   ?= .venv
PY      = $(VENV)/bin/python
MANAGE  = $(PY) manage.py
HOST   ?= 127.0.0.1
PORT   ?= 8000
PYTEST_ARGS ?=
# Test processes in parallel (pytest-xdist; each its own test database and Redis database).
TEST_PROCESSES ?= auto
# Links in notification emails and absolute image URLs follow the port actually served.
WAGTAILADMIN_BASE_URL ?= http://$(HOST):$(PORT)

.PHONY: run test test-needs install install-test lint format migrate seed schema bench bench-publishing scheduler worker clean backup restore screens cluster cluster-stop cluster-status

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# Reinstall only when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[test,browser]'
	touch $(VENV)/.installed $@

# The real GraphQL clients the tests run (Apollo Client, the graphql-http audit; Node and npm):
# exactly the versions of tests/js/package-lock.json.
JS_TESTS = tests/js
$(JS_TESTS)/node_modules/.package-lock.json: $(JS_TESTS)/package-lock.json
	npm ci --prefix $(JS_TESTS) --no-audit --no-fund --loglevel=error
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test $(JS_TESTS)/node_modules/.package-lock.json

migrate: install
	$(MANAGE) migrate --no-input

seed: migrate
	$(MANAGE) seed_demo

run: seed
	@echo "Admin:    http://$(HOST):$(PORT)/admin/"
	@echo "GraphQL:  http://$(HOST):$(PORT)/graphql/   GraphiQL: http://$(HOST):$(PORT)/graphiql/"
	WAGTAILADMIN_BASE_URL=$(WAGTAILADMIN_BASE_URL) $(MANAGE) runserver $(HOST):$(PORT)

# Beyond the Python packages the tests need Chromium and Redis: installed and started when
# missing (as root, with apt-get), otherwise named (.ci/prepare-tests).
test-needs:
	@bash .ci/prepare-tests

test: install-test test-needs
	$(PY) -m pytest -n $(TEST_PROCESSES) --dist worksteal --durations=30 $(PYTEST_ARGS)

lint: install-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install-test
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Regenerate the committed schema snapshot after an intended API change.
schema: install-test
	DJANGO_SETTINGS_MODULE=cms.settings.test $(MANAGE) graphql_schema \
		--schema cms.graphql.schema.schema --out tests/snapshots/schema.graphql

# Performance against the peers on PostgreSQL + Redis db 9, 1,000 and 10,000 portraits
# (docs/performance.md; BENCH_SIZES=200,1000 for a quick try), then the hostile queries.
$(VENV)/.installed-bench: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[test,bench]'
	touch $@

bench: install-test $(VENV)/.installed-bench
	$(PY) bench/run.py
	$(PY) bench/hostile.py
	$(PY) -m bench.publishing

# Varnish's hit ratio and the load on the app while 100 towns publish (bench/publishing.py).
bench-publishing: install-test $(VENV)/.installed-bench
	$(PY) -m bench.publishing

# Pictures of the admin's main screens for the German help page (tests/screens.py; Chromium).
screens: install-test
	$(PY) -m tests.screens pages/static/pages/help

# The publishing scheduler as its own process (production runs this beside the web server).
scheduler: install
	$(MANAGE) run_scheduler

# The task worker (webhook deliveries and their retries) as its own process; `make run` runs it
# inside the development server, production as a service (docs/deployment.md).
worker: install
	$(MANAGE) db_worker --backend jobs

# Database and media into one .tar under BACKUP_DIR (var/backups/); see docs/operations.md.
backup: install
	$(MANAGE) backup

# make restore BACKUP=var/backups/engagierte-stadt-….tar — into an empty database and MEDIA_ROOT.
restore: install
	@test -n "$(BACKUP)" || { echo "usage: make restore BACKUP=path/to/backup.tar"; exit 2; }
	$(MANAGE) restore "$(BACKUP)"

# The cluster on loopback (docs/scaling.md): Varnish -> haproxy -> two gunicorn app servers, a
# task worker, a scheduler, PostgreSQL, Redis and SeaweedFS (S3), production settings; logs in
# var/cluster/logs/. gunicorn and SeaweedFS come with the test extra; Varnish and haproxy as the
# tests get them (.ci/prepare-tests).
cluster: install-test test-needs
	$(PY) -m cluster up

cluster-stop:
	$(PY) -m cluster down

cluster-status:
	$(PY) -m cluster status

clean:
	rm -rf $(VENV) var artefacts
