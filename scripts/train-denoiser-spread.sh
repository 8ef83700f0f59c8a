#!/usr/bin/env bash
# denoise-general's network for noise spread over neighbouring pixels (as demosaicing, resampling, a camera's
# processing or a line-scanning detector's filter leave it), which Denoise runs instead of the white-noise network
# where it finds the image's noise correlated between neighbours. Two runs:
#   1. the shipped white-noise network (START, models/denoise-general.zip as scripts/train-denoiser-gpu.sh made it)
#      trained on with Gaussian and Poisson-Gaussian noise whose every pixel's noise is spread by a Gaussian of 0.3 to
#      2 pixels (`spread`, drawn per patch, log-uniformly), at the same level per pixel, over the white network's
#      ranges of strength (FIRST_STEPS, 16000; trained as denoise-spread). Without it the network took such noise for
#      texture and left it all; trained on both kinds at once, it lost 0.6 to 1.3 dB on white noise within 2000
#      steps, hence a network of its own (models/denoise-general.md, "Noise spread over neighbouring pixels").
#   2. that network trained on with a broader family of spread noise (STEPS, 10000): half the patches as before,
#      half spread by its own Gaussian along each axis (0 to 2 pixels, one axis at least 0.3: a line-scanning
#      detector spreads noise along its lines only) with 0 to 70 % of the variance left white (shot noise added after
#      a spreading step), models/denoise-general-spread.md, "Noise spread along one axis, or partly white".
#
#   scripts/train-denoiser-spread.sh   (re-running resumes a run's checkpoint; copies the model into
#                                      models/denoise-general-spread.zip, SHIP=0: not; FIRST=path.zip starts the
#                                      second run from that network instead of running the first)
#
# Content: target/denoise-content-crops4 (scripts/training/common.sh with PHOTO_CROPS=4, the sixth to eighth runs').
set -euo pipefail
cd "$(dirname "$0")/.."
start=${START:-models/denoise-general.zip}
work=target/denoise-training
model=${MODEL:-denoise-general-spread}
source scripts/training/common.sh
PHOTO_CROPS=4 prepare_training_content target/denoise-content-crops4 16 0
content=(--clean target/denoise-content-crops4/clean --task denoise --patch 64 --batch 8 --no-gan --validation 0.05
  --average-weights 0.999 --reconstruction log-l1 --lr 1e-4 --model last)
description="Blind denoising of microscopy, medical and photographic images: Poisson-Gaussian (about 1-1000 photons) and Gaussian noise (0.3-20 % of the range), spread over neighbouring pixels (0.3-2 pixels, along one or both axes, up to 70 % of it white)"
photons="poisson-gaussian:photonsPerUnit=0.0008..1.2,readNoise=0..5"
gaussian="gaussian:sigma=3..200"
first=${FIRST:-}
if [ -z "$first" ]; then
  SHIP=0 run_training "$work" denoise-spread "${content[@]}" --seed 18 --steps "${FIRST_STEPS:-16000}" \
    --degradation "$photons,spread=0.3..2 | $gaussian,spread=0.3..2" --start "$start" --description "$description"
  first="$work/denoise-spread.zip"
fi
broad="$photons,spread=0.3..2 | $gaussian,spread=0.3..2 | $gaussian,spread=0.3..2,spreadY=0..2,white=0..0.7"
broad="$broad | $photons,spread=0..2,spreadY=0.3..2,white=0..0.7"
run_training "$work" "$model" "${content[@]}" --seed 19 --steps "${STEPS:-10000}" --degradation "$broad" \
  --start "$first" --description "$description"
