# One command per job; each sets up .venv first if it is missing or stale.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: setup run play batch test bench bench-quick bench-detail lint format schema clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Rare Earth Game needs Python 3.11 or newer; set PYTHON=/path/to/python3.11")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,parquet,cluster,rl,sensitivity]'
	@touch $(STAMP)

run: $(STAMP)  ## run the default scenario headless and write its tables and chart to out/
	$(BIN)/rare-earth-game run

play: $(STAMP)  ## open the classroom game window
	$(BIN)/rare-earth-game play

batch: $(STAMP)  ## the example research batch (180 games), resumable, and its report
	$(BIN)/rare-earth-game batch experiments/strategies_under_export_licences.toml --out out/export_licences --resume
	$(BIN)/rare-earth-game report out/export_licences

test: $(STAMP)  ## the whole test suite
	$(BIN)/python -m pytest -n auto

bench: $(STAMP)  ## issue 12's performance table, each figure against its target (about 5 minutes on two cores); writes out/bench/bench.json
	$(BIN)/python bench/table.py

bench-quick: $(STAMP)  ## the headline figures of that table, under a minute
	$(BIN)/python bench/table.py --quick

bench-detail: $(STAMP)  ## every benchmark script's detailed figures (engine, game, batch, window)
	$(BIN)/python bench/run_all.py

lint: $(STAMP)  ## ruff lint and format check, mypy (strict on scenario/, sim/, game/)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m mypy

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

schema: $(STAMP)  ## regenerate scenarios/scenario.schema.json and docs/scenario-format.md
	$(BIN)/rare-earth-game schema

clean:
	rm -rf $(VENV) out .pytest_cache .ruff_cache .hypothesis
