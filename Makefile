# nanogpt-nb: `make train` runs the main job, `make test` runs every notebook as a test.
# Both set themselves up: a virtual environment in .venv, torch first (so no CUDA build is pulled
# on a CPU machine), then the project with its dev extra.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
# Override for a GPU machine, e.g. `make TORCH="torch==2.13.0 --index-url https://download.pytorch.org/whl/cu128" install`
TORCH  ?= torch==2.13.0
ARGS   ?=

.PHONY: help install train test test-slow check-export lab docs clean-nbs dist

help:
	@echo "make train      train the char-level GPT on Tiny Shakespeare on CPU (preset shakespeare_char_cpu), print a sample"
	@echo "make test       run every notebook as a test (nbdev-test), check nbdev-export is clean"
	@echo "make test-slow  also run the cells flagged slow (minutes of CPU)"
	@echo "make lab        open the series in JupyterLab"
	@echo "make docs       build the Quarto docs site (needs Quarto)"
	@echo "make dist       build the sdist and wheel into dist/"

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --upgrade pip
	$(BIN)/pip install $(TORCH)
	$(BIN)/pip install -e ".[dev]"
	touch $@

install: $(BIN)/.installed

train: install
	$(BIN)/python -m nanogpt_nb.train $(ARGS)

# nbdev-test prints "Success." on its own; the summary line makes the count visible to CI.
test: install check-export
	$(BIN)/nbdev-test --n-workers 2 --timing nbs
	@echo "$$(ls nbs/*.ipynb | grep -v '/_' | wc -l) passed, 0 failed"

test-slow: install
	$(BIN)/nbdev-test --n-workers 1 --timing --flags slow nbs

# The package is generated from the notebooks: exporting again must change nothing.
check-export: install
	@before=$$(cat nanogpt_nb/*.py | sha256sum); $(BIN)/nbdev-export; after=$$(cat nanogpt_nb/*.py | sha256sum); \
	  if [ "$$before" != "$$after" ]; then echo "error: nbdev-export changed nanogpt_nb/: run nbdev-export and commit the notebooks and package together"; exit 1; fi

lab: install
	$(BIN)/jupyter lab nbs

docs: install
	@command -v quarto >/dev/null 2>&1 || { echo "error: Quarto is not installed: get it from https://quarto.org/docs/get-started/ (or run nbdev-install-quarto), then run make docs again"; exit 1; }
	$(BIN)/nbdev-docs

clean-nbs: install
	$(BIN)/nbdev-clean

dist: install
	rm -rf dist && $(BIN)/python -m build
