#!/usr/bin/env bash
# Evaluates the shipped style model on fresh synthetic images beside a tuned unsharp mask and writes its section of
# models/MODELS.md (below the page's marker line; the hand-written summary above it stays) with a figure
# (models/figures/). The general models have benchmarks of their own on real images: scripts/eval/*_benchmark.py.
#   scripts/evaluate-models.sh [models folder]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test-compile exec:exec@bench -Dbench.main=io.github.imagejgan.eval.ModelReport \
  -Dbench.args="${1:-models}"
