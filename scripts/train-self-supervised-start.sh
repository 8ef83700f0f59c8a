#!/usr/bin/env bash
# Trains self-supervised-start, the network that self-supervised denoising starts from (models/self-supervised.md):
# a blind-spot U-Net with the self-supervised defaults (TrainingDefaults.ImagesRun.SELF_SUPERVISED), trained on noisy
# images alone like every self-supervised run, so that a user's run adapts a network that already denoises instead
# of learning from nothing. What trains it: the clean content of scripts/training/common.sh (wallpaper photographs,
# the project's phantoms and dead-leaves scenes; never the test images of scripts/eval/), each image given
# Poisson-Gaussian noise once, at a peak of 2 to 500 photons and read noise of 0 to 3 photons drawn per image.
#
#   scripts/train-self-supervised-start.sh             (STEPS=16000 by default; re-running resumes the checkpoint)
set -euo pipefail
cd "$(dirname "$0")/.."
data=target/training-content
work=target/self-supervised-start-training
model=self-supervised-start
mkdir -p "$data" "$work"

source scripts/training/common.sh
prepare_training_content "$data"
[ -d "$data/noisy" ] || /usr/bin/python3 scripts/training/prepare_content.py noisy "$data/clean" "$data/noisy" --seed 5

run_training "$work" "$model" --task denoise --noisy "$data/noisy" --steps "${STEPS:-16000}" --patch 64 --batch 16 \
  --features 16 --depth 3 --mask-fraction 0.05 --lr 4e-4 --seed 41 --validation 0.05 \
  --description "Start of self-supervised denoising: a blind-spot network trained on noisy photographs, phantoms and dead-leaves scenes (2 to 500 photons)"
