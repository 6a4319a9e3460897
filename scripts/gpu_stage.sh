#!/usr/bin/env bash
# Stage what scripts/gpu_check.py needs on a lent GPU machine that reaches no network: the Python packages its image
# lacks (fastcore, execnb and IPython's pure-Python dependencies, as wheels for its Python 3.12) and the data files
# (Tiny Shakespeare, HellaSwag, GPT-2's BPE files), copied from this machine's caches into DEST (git-ignored).
# Usage: scripts/gpu_stage.sh DEST     (make gpu-stage)
set -euo pipefail
DEST=${1:?usage: gpu_stage.sh DEST}
PY=${PYTHON:-.venv/bin/python}
data=${NANOGPT_NB_DATA:-$HOME/.cache/nanogpt_nb}
tik=${TIKTOKEN_CACHE_DIR:?set TIKTOKEN_CACHE_DIR to the directory holding tiktoken\'s gpt2 files}
rm -rf "$DEST"; mkdir -p "$DEST/wheels" "$DEST/data/tinyshakespeare" "$DEST/data/hellaswag" "$DEST/tiktoken"
"$PY" -m pip download -q --only-binary=:all: --python-version 3.12 --implementation cp --platform manylinux2014_x86_64 \
  -d "$DEST/wheels" fastcore execnb 2>&1 | grep -v '^WARNING: Location' || true
# the GPU image has these already: keep its own copies
rm -f "$DEST"/wheels/{pygments,Pygments,packaging,typing_extensions,psutil}-*.whl
cp -L "$data/tinyshakespeare/input.txt" "$DEST/data/tinyshakespeare/"
cp -L "$data/hellaswag/hellaswag_val.jsonl" "$DEST/data/hellaswag/"
cp -L "$tik"/* "$DEST/tiktoken/"
du -sh "$DEST"; ls "$DEST/wheels"
