# The two commands a newcomer needs (README.md): `make run` and `make test`.
# Needs only Python 3.11+ and make; everything else goes into .venv.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install install-test migrate content measure bench multiserver-load lint format check-deploy collectstatic clean

# uv installs the pinned requirements into the venv in seconds where pip took about a minute
# (CI sets up a fresh venv on every run); it is itself pinned and installed by pip.
UV_VERSION := 0.13.9
UV := $(BIN)/uv pip install --quiet --python $(BIN)/python

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet uv==$(UV_VERSION)

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(UV) -r requirements.txt
	touch $@

$(VENV)/.installed-test: requirements-test.txt requirements.txt $(VENV)/.installed
	$(UV) -r requirements.txt -r requirements-test.txt
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

migrate: install
	$(BIN)/python manage.py migrate --noinput

content: migrate
	$(BIN)/python manage.py load_content

## measure: queries and gzipped weight of every loaded page, against the budgets
measure: content
	$(BIN)/python manage.py measure_pages

## bench: requests per second under gunicorn with production settings (README.md, "Benchmark")
bench: install
	$(BIN)/python tools/bench.py

## multiserver-load: two gunicorn instances behind nginx on PostgreSQL+Redis under wrk (README "Production")
multiserver-load: install-test
	$(BIN)/python tools/multiserver_load.py

## run: set up (venv, install, migrate, load content, editor account) and serve on SQLite
run: content
	@$(BIN)/python manage.py create_dev_editor
	@echo "Serving the site at http://$(HOST):$(PORT)/  (Ctrl-C to stop)"
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

## test: install the test tools and run every test (unit, integration, browser), on every core
PYTEST_ARGS ?= -n auto --dist loadgroup --no-loadscope-reorder
test: install-test
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## lint: ruff (rules and format), template indentation (djhtml), the CSS linter (stylelint),
## mypy (type hints, with django-stubs) and import-linter (the layers); configured in pyproject.toml
lint: install-test node_modules/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check templates mrdinfo
	npx --no-install stylelint "static/**/*.css" "mrdinfo/**/static/**/*.css"
	$(BIN)/mypy
	$(BIN)/lint-imports

# stylelint, pinned in package-lock.json: a development tool only, nothing is built or served.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

format: install-test node_modules/.installed
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .
	$(BIN)/djhtml templates mrdinfo
	npx --no-install stylelint --fix "static/**/*.css" "mrdinfo/**/static/**/*.css"

collectstatic: install
	$(BIN)/python manage.py collectstatic --noinput

clean:
	rm -rf $(VENV) node_modules staticfiles test-artifacts .pytest_cache .ruff_cache .mypy_cache
