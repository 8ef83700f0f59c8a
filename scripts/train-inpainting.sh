#!/usr/bin/env bash
# Trains the shipped inpainting model, inpaint-general, and copies it into models/. What trains it: the clean content
# of scripts/training/common.sh (wallpaper photographs, the project's phantoms and dead-leaves scenes; never the test
# images of scripts/eval/), plus OVERSAMPLED (default 100) blurred copies of some of them, as for super-resolution:
# smooth images, in whose holes the fill is already right and the network must add nothing.
#
# Holes are drawn per patch: boxes, strokes or blobs covering 3 to 25 % of it. The network starts from a classical
# smooth fill of each hole (pull-push pyramid, then membrane smoothing), which already matches the hole's border,
# and learns with L1 what to add to it; known pixels are never changed.
#
#   scripts/train-inpainting.sh                 (STEPS=2000 by default; re-running resumes the checkpoint)
#   STEPS=300 scripts/train-inpainting.sh       (a quick trial; BATCH, DEPTH and LR change the recipe too)
set -euo pipefail
cd "$(dirname "$0")/.."
data=target/training-content-sr
work=target/inpainting-training
model=${MODEL:-inpaint-general}
mkdir -p "$data" "$work"

source scripts/training/common.sh
prepare_training_content "$data" 48 0 "${OVERSAMPLED:-100}"

holes="mask:shape=boxes,min=0.03,max=0.25 | mask:shape=strokes,min=0.03,max=0.25 | mask:shape=blobs,min=0.03,max=0.25"
run_training "$work" "$model" --task inpaint --clean "$data/clean" --degradation "$holes" --steps "${STEPS:-2000}" \
  --patch 96 --batch "${BATCH:-4}" --features 16 --depth "${DEPTH:-3}" --no-gan --reconstruction l1 --lr "${LR:-4e-4}" --seed 31 \
  --validation 0.05 \
  --description "Fills masked pixels (boxes, strokes, blobs) of photographs, microscopy and medical images; known pixels never change"
