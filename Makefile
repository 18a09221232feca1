# Two commands do all set-up from a fresh clone:
#   make chat   install, build the index of corpus/ if missing, start the web chat
#   make test   install, run the whole test suite
.PHONY: chat test install ingest bench lock

install:
	@bash scripts/bootstrap.sh

chat: install
	.venv/bin/congress-chat serve

ingest: install
	.venv/bin/congress-chat ingest

test: install
	@bash scripts/test-deps.sh
	.venv/bin/python -m pytest

bench: install
	.venv/bin/python bench/speed.py
	.venv/bin/python bench/load.py

# Re-pin after changing dependencies in pyproject.toml (torch's local +cpu tag is dropped
# so that the same lock installs from PyPI elsewhere).
lock:
	.venv/bin/python -m pip freeze --exclude-editable | grep -v '^-e' | sed -E 's/^torch==([0-9.]+)\+cpu$$/torch==\1/' > requirements.lock
