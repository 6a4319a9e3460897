# nanogpt-nb: `make train` runs the main job, `make test` runs every notebook as a test.
# Both set themselves up: a virtual environment in .venv, torch first (so no CUDA build is pulled
# on a CPU machine), then the project with its dev extra.
SHELL  := /bin/bash
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
# Override for a GPU machine, e.g. `make TORCH="torch==2.13.0 --index-url https://download.pytorch.org/whl/cu128" install`
TORCH  ?= torch==2.13.0
ARGS   ?=
# CPU=avx2: run train, test, test-slow or run-all as on a CPU without native bf16 (no AVX512-BF16, no AMX), whatever
# this one has: oneDNN, MKL and ATen capped at AVX2 (nanogpt_nb.speed.AVX2_ENV, the one place that names the cap)
CPU    ?=
CPU_ENV = $(if $(filter avx2,$(CPU)),$(shell $(BIN)/python -c "from nanogpt_nb.speed import AVX2_ENV as e; print(' '.join(f'{k}={v}' for k, v in e.items()))"))

.PHONY: help install reinstall train test test-slow run-all nb-stats check-export lab docs docs-check preview quarto gpu-check gpu-check-dry gpu-stage readme clean-nbs dist

help:
	@echo "make train      train the char-level GPT on Tiny Shakespeare on CPU (preset shakespeare_char_cpu), print a sample"
	@echo "make test       run every notebook as a test (nbdev-test), check nbdev-export is clean"
	@echo "                CPU=avx2 (train, test, test-slow, run-all): as on a CPU without native bf16"
	@echo "make test-slow  also run the cells flagged slow (minutes of CPU)"
	@echo "make run-all    Run All on every notebook in a real Jupyter kernel, timed (ARGS=--slow for the slow cells too)"
	@echo "make nb-stats   per notebook: size, largest output, longest exported cell, code lines > 88 chars"
	@echo "make lab        open the series in JupyterLab"
	@echo "make docs       render the docs site into _docs/ (installs Quarto offline from ../shared/quarto when there is none)"
	@echo "make docs-check check the rendered site: pages, links, images, errors, weight, and a headless Chromium pass"
	@echo "make preview    serve the docs site locally while you edit (nbdev-preview)"
	@echo "make gpu-check  on a CUDA machine: cuda cells, 124M ladder and MFU, a 124M run with crash and resume -> _gpu_check/"
	@echo "make gpu-check-dry  the same script on the CPU, tiny shapes (CI runs it so it cannot rot)"
	@echo "make gpu-stage  wheels and data for a GPU machine without network, into .gpu_stage/"
	@echo "make readme    render README.md from nbs/index.ipynb"
	@echo "make dist       build the sdist and wheel into dist/"

# (Re)install when pyproject.toml's content changed; nbdev-export rewrites the file with the same content, so its mtime can't be used.
install:
	@sha256sum --check --status $(BIN)/.installed 2>/dev/null || $(MAKE) --no-print-directory reinstall

reinstall:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install $(TORCH)
	$(BIN)/pip install -e ".[dev]"
	sha256sum pyproject.toml > $(BIN)/.installed

# One BLAS thread unless you say otherwise: the default model is so small that a second thread mostly waits,
# and on a busy 2-core machine spinning threads made it several times slower.
train: install
	env $(CPU_ENV) OMP_NUM_THREADS=$${OMP_NUM_THREADS:-1} $(BIN)/python -m nanogpt_nb.train $(ARGS)

# nbdev-test prints "Success." on its own; the summary line makes the count visible to CI.
test: install check-export
	@# one BLAS thread per notebook: two notebooks (and their torchrun workers) share the cores without oversubscription
	env $(CPU_ENV) OMP_NUM_THREADS=$${OMP_NUM_THREADS:-1} $(BIN)/nbdev-test --n-workers 2 --timing nbs
	@# every notebook under 250 KB, every shown code line at most 88 characters (it fits the docs site's code column)
	@stats=$$($(BIN)/python scripts/nb_stats.py) || { grep '^error' <<< "$$stats"; exit 1; }
	@# every figure in the prose printed by its notebook or cited; the flags that predate the check are listed in
	@# scripts/prose_figures_known.txt, a list that may only shrink
	@figs=$$($(BIN)/python scripts/prose_figures.py) || { grep '^error' <<< "$$figs"; exit 1; }; tail -1 <<< "$$figs"
	@echo "$$(ls nbs/*.ipynb | grep -v '/_' | wc -l) passed, 0 failed"

# "Run All" as a learner does it, in a real Jupyter kernel, with the time each notebook takes; executed copies in _run_all/.
run-all: install
	env $(CPU_ENV) OMP_NUM_THREADS=$${OMP_NUM_THREADS:-1} $(BIN)/python scripts/run_all.py $(ARGS)

# Per notebook: size, largest output, longest exported cell, code lines over 88 characters (make test fails on
# a notebook over 250 KB or a shown code line over 88 characters).
nb-stats: install
	$(BIN)/python scripts/nb_stats.py

test-slow: install
	env $(CPU_ENV) $(BIN)/nbdev-test --n-workers 1 --timing --flags slow nbs

# The package is generated from the notebooks: exporting again must change nothing.
check-export: install
	@before=$$(cat nanogpt_nb/*.py | sha256sum); $(BIN)/nbdev-export; after=$$(cat nanogpt_nb/*.py | sha256sum); \
	  if [ "$$before" != "$$after" ]; then echo "error: nbdev-export changed nanogpt_nb/: run nbdev-export and commit the notebooks and package together"; exit 1; fi

lab: install
	$(BIN)/jupyter lab nbs

# Quarto renders the site. A `quarto` on PATH wins; on machines that reach only the package registries (CI here) it is
# installed from ../shared/quarto (see its README) into a cache outside the repo; elsewhere, say how to get one.
QUARTO_HOME ?= $(HOME)/.cache/nanogpt-nb/quarto
SHARED_QUARTO := $(abspath ../shared/quarto)
QUARTO_PATH = $(if $(shell command -v quarto 2>/dev/null),$(PATH),$(QUARTO_HOME)/bin:$(PATH))
quarto:
	@if command -v quarto >/dev/null 2>&1 || [ -x $(QUARTO_HOME)/bin/quarto ]; then :; \
	elif [ -x $(SHARED_QUARTO)/install.sh ]; then echo "installing Quarto offline from $(SHARED_QUARTO) into $(QUARTO_HOME)"; \
	  $(SHARED_QUARTO)/install.sh $(QUARTO_HOME) >/dev/null; \
	else echo "error: Quarto is not installed: get it from https://quarto.org/docs/get-started/ (or run .venv/bin/nbdev-install-quarto), then run make docs again"; exit 1; fi

# nbdev-docs' output is kept: the docs check fails on any warning in it.
docs: install quarto
	@mkdir -p _docs_check
	PATH="$(QUARTO_PATH)" $(BIN)/nbdev-docs 2>&1 | tee _docs_check/nbdev-docs.log; test $${PIPESTATUS[0]} -eq 0

docs-check: install
	$(BIN)/python scripts/docs_check.py --browser

preview: install quarto
	PATH="$(QUARTO_PATH)" $(BIN)/nbdev-preview

# The GPU path in one prepared run (scripts/gpu_check.py): for real on a CUDA machine, or dry on the CPU.
GPU_OUT ?= _gpu_check
gpu-check: install
	$(BIN)/python scripts/gpu_check.py --out $(GPU_OUT)

gpu-check-dry: install
	OMP_NUM_THREADS=$${OMP_NUM_THREADS:-1} $(BIN)/python scripts/gpu_check.py --dry-run --out $(GPU_OUT)

gpu-stage: install
	PYTHON=$(BIN)/python scripts/gpu_stage.sh .gpu_stage

# README.md is rendered from nbs/index.ipynb: by nbdev (Quarto) where Quarto exists, else by nbconvert with the
# notebook links pointed at the docs site, as nbdev does.
DOCS_URL := https://nanogpt-nb.github.io/nanogpt-nb
readme: install
	@if command -v quarto >/dev/null 2>&1; then $(BIN)/nbdev-readme; else \
	  { echo "<!-- WARNING: THIS FILE WAS AUTOGENERATED FROM nbs/index.ipynb! DO NOT EDIT! -->"; echo; \
	    $(BIN)/jupyter nbconvert --to markdown --stdout --log-level ERROR nbs/index.ipynb \
	    | sed -E -e 's#\]\([0-9]+_([A-Za-z0-9_]+)\.ipynb\)#]($(DOCS_URL)/\1.html)#g' \
	             -e 's#\]\(A([0-9]+)_([A-Za-z0-9_]+)\.ipynb\)#]($(DOCS_URL)/a\1_\2.html)#g'; } > README.md; fi

clean-nbs: install
	$(BIN)/nbdev-clean

dist: install
	rm -rf dist && $(BIN)/python -m build
