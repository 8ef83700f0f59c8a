#!/usr/bin/env bash
# The ninth run of denoise-general: the shipped eighth run (START, models/denoise-general.zip as scripts/train-denoiser-gpu.sh
# made it) trained on with noise that is also spread over neighbouring pixels, as demosaicing, resampling or a
# camera's processing leave it: besides the three white families of scripts/train-denoisers.sh, Gaussian and
# Poisson-Gaussian noise whose every pixel's noise is spread by a Gaussian of 0.3 to 1.5 pixels (`spread`, drawn
# per patch, log-uniformly), at the same level per pixel. Without it the network took such noise for texture and
# left it all (models/denoise-general.md, "Noise spread over neighbouring pixels").
#
#   scripts/train-denoiser-spread.sh            (STEPS, 16000 by default; re-running resumes the checkpoint)
#
# Content: target/denoise-content-crops4 (scripts/training/common.sh with PHOTO_CROPS=4, the sixth to eighth runs').
set -euo pipefail
cd "$(dirname "$0")/.."
start=${START:-models/denoise-general.zip}
work=target/denoise-training
model=${MODEL:-denoise-spread}
source scripts/training/common.sh
PHOTO_CROPS=4 prepare_training_content target/denoise-content-crops4 16 0
white="poisson-gaussian:photonsPerUnit=0.0008..1.2,readNoise=0..5 | gaussian:sigma=3..200 | rician:sigma=3..200"
spread="poisson-gaussian:photonsPerUnit=0.0008..1.2,readNoise=0..5,spread=0.3..1.5 | gaussian:sigma=3..200,spread=0.3..1.5"
SHIP=${SHIP:-0} run_training "$work" "$model" --clean target/denoise-content-crops4/clean --task denoise \
  --degradation "$white | $spread" --patch 64 --batch 8 --no-gan --validation 0.05 --average-weights 0.999 \
  --seed 18 --reconstruction log-l1 --lr 1e-4 --model last --steps "${STEPS:-16000}" --start "$start" \
  --description "Blind denoising of microscopy, medical and photographic images: Poisson-Gaussian (about 1-1000 photons), Gaussian and Rician noise (0.3-20 % of the range), white or spread over neighbouring pixels (0.3-1.5 pixels)"
