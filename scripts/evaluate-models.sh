#!/usr/bin/env bash
# Evaluates the shipped models on fresh synthetic images and real scikit-image samples beside the classical ImageJ
# baselines, and writes models/MODELS.md with a figure per model (models/figures/).
#   scripts/evaluate-models.sh [models folder]
# Real test images come from Debian's python3-skimage data (apt-get install python3-skimage); without it those rows
# are left out.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test-compile exec:exec@bench -Dbench.main=io.github.imagejgan.eval.ModelReport \
  -Dbench.args="${1:-models}"
