#!/usr/bin/env bash
# denoise-general's network for noise spread over neighbouring pixels (as demosaicing, resampling or a camera's
# processing leave it), which Denoise runs instead of the white-noise network where it finds the image's noise
# correlated between neighbours: the shipped white-noise network (START, models/denoise-general.zip as
# scripts/train-denoiser-gpu.sh made it) trained on with Gaussian and Poisson-Gaussian noise whose every pixel's
# noise is spread by a Gaussian of 0.3 to 2 pixels (`spread`, drawn per patch, log-uniformly), at the same level per
# pixel, over the white network's ranges of strength. Without it the network took such noise for texture and left
# it all; trained on both kinds at once, it lost 0.6 to 1.3 dB on white noise within 2000 steps, hence a network of
# its own (models/denoise-general.md, "Noise spread over neighbouring pixels").
#
#   scripts/train-denoiser-spread.sh   (STEPS, 16000 by default; re-running resumes the checkpoint; copies the model
#                                      into models/denoise-general-spread.zip, SHIP=0: not)
#
# Content: target/denoise-content-crops4 (scripts/training/common.sh with PHOTO_CROPS=4, the sixth to eighth runs').
set -euo pipefail
cd "$(dirname "$0")/.."
start=${START:-models/denoise-general.zip}
work=target/denoise-training
model=${MODEL:-denoise-general-spread}
source scripts/training/common.sh
PHOTO_CROPS=4 prepare_training_content target/denoise-content-crops4 16 0
spread="poisson-gaussian:photonsPerUnit=0.0008..1.2,readNoise=0..5,spread=0.3..2 | gaussian:sigma=3..200,spread=0.3..2"
run_training "$work" "$model" --clean target/denoise-content-crops4/clean --task denoise \
  --degradation "$spread" --patch 64 --batch 8 --no-gan --validation 0.05 --average-weights 0.999 \
  --seed 18 --reconstruction log-l1 --lr 1e-4 --model last --steps "${STEPS:-16000}" --start "$start" \
  --description "Blind denoising of microscopy, medical and photographic images: Poisson-Gaussian (about 1-1000 photons) and Gaussian noise (0.3-20 % of the range), spread over neighbouring pixels (0.3-2 pixels)"
