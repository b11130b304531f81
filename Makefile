# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.PHONY: run test lint format messages db-stop clean backup restore bench resilience mutants

$(VENV)/.runtime: requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit("chibo needs Python 3.11 or newer") if sys.version_info < (3, 11) else None'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

## run: install, start the embedded database, migrate, load the demo cell once, serve on 127.0.0.1:$(PORT)
run: $(VENV)/.runtime
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo --if-empty
	@echo "chibo: open http://127.0.0.1:$(PORT)/ (Ctrl-C stops; 'make db-stop' stops the embedded database)"
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

## test: the whole suite, on as many workers as the machine has cores (pytest-xdist; each its own test database)
test: $(VENV)/.dev
	$(PY) -m pytest -n auto

## lint: ruff, and the import contract (the apps import only downward: ARCHITECTURE.md)
lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: $(VENV)/.dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

## messages: refresh and compile the Vietnamese catalogue (needs gettext)
messages: $(VENV)/.runtime
	$(PY) manage.py makemessages -l vi --no-location --no-obsolete --ignore=.venv --ignore=staticfiles --ignore=tests
	$(PY) manage.py compilemessages -l vi --ignore=.venv

db-stop: $(VENV)/.runtime
	$(PY) -c 'from pathlib import Path; from core.embedded_db import stop; print("stopped" if stop(Path(".pgdata").resolve()) else "not running")'

## backup: a pg_dump of the database (embedded or DATABASE_URL) to backups/chibo-<date>-<time>.dump
backup: $(VENV)/.runtime
	$(PY) manage.py backup

## restore FILE=backups/chibo-….dump: put a backup back (the current data is replaced)
restore: $(VENV)/.runtime
	@test -n "$(FILE)" || (echo "usage: make restore FILE=backups/chibo-YYYYMMDD-HHMMSS.dump" && exit 2)
	$(PY) manage.py restore "$(FILE)"

## bench: large data set, gunicorn, figures in bench/RESULTS.md (not part of make test; several minutes)
bench: $(VENV)/.dev
	$(PY) bench/run.py

## resilience: the database restarts while the app serves under load (uses the bench database)
resilience: $(VENV)/.dev
	$(PY) bench/resilience.py

## mutants: cosmic-ray over the guards (access, cell scope, locking, vote base, classification); report in bench/MUTANTS.md (not part of make test; about 25 minutes)
mutants: $(VENV)/.dev
	$(PY) bench/mutants.py
