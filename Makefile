# Two entry points for a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
BENCH_STAMP := $(VENV)/.bench-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: demo test lint pytest bench snapshots screenshot clean catalog

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@rm -f $(VENV)/.installed-*
	@touch $(STAMP)

demo: $(STAMP)
	$(BIN)/okrtui demo

test: $(STAMP)
	$(BIN)/ruff format --check src tests bench
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	$(BIN)/pytest -n auto -q

lint: $(STAMP)
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

pytest: $(STAMP)
	$(BIN)/pytest -n auto -q

snapshots: $(STAMP)
	$(BIN)/pytest --snapshot-update tests/tui/test_snapshots.py

screenshot: $(STAMP)
	$(BIN)/python docs/make_screenshot.py

$(BENCH_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	@rm -f $(VENV)/.bench-*
	@touch $(BENCH_STAMP)

bench: $(BENCH_STAMP)
	$(BIN)/python bench/suite.py

clean:
	rm -rf $(VENV) build dist .mypy_cache .ruff_cache .pytest_cache

# Pick up newly marked strings into the Persian .po (untranslated), then compile
# the .mo the wheel ships. Translate the new entries and run it again.
catalog: $(STAMP)
	$(BIN)/python tools/i18n_catalog.py update
	$(BIN)/python tools/i18n_catalog.py compile
