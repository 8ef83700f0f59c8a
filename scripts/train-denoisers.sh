#!/usr/bin/env bash
# Trains the shipped blind denoiser, denoise-general, over wide noise ranges on varied clean content, and copies it
# into models/. What trains it: the clean content of scripts/training/common.sh (wallpaper photographs, the
# project's phantoms and dead-leaves scenes; never the test images of scripts/eval/).
#
# Every clean image is rescaled so that its 1st percentile is 0 and its 99.8th is 1000 grey values; the noise is
# drawn per patch from wide ranges at that scale: Poisson-Gaussian with 0.8 to 1200 photons at the bright end and
# 0 to 5 photons of read noise, or Gaussian or Rician noise of 0.3 % to 20 % of the range.
#
# Seven runs: STEPS (7500) from random weights at 4e-4, then TUNING (2000; 0: none) more from that network at 2e-4
# with fresh Adam moments, then TUNING more with the log-l1 loss, then LONG (20000) and LONGER (25000) more log-l1
# steps at 2e-4 (fresh moments, a new seed each), then WIDER (20000) more the same way on four times the content
# (four crops from each wallpaper picture's planes, four times the phantoms), then GROWN (24000) more the same way
# with the network grown from 16 to 20 features (train --start with more --features: the further channels start
# behind zero weights, so the run starts from what the sixth computes); the seventh run's last step is copied into
# models/ (GROWN=0: the sixth's, WIDER=0: the fifth's, LONG=0: the third's, as shipped before those), and
# scripts/train-denoiser-gpu.sh makes the shipped eighth run from it (a GPU run, a CPU run, a blend). Each run
# writes the moving average of its weights over about the last thousand steps (AVERAGE, 0.999; AVERAGE=0: the
# weights of single steps, as the model before those was trained).
#
# No adversarial term: the second run with a PatchGAN term beside it scored no better (models/denoise-general.md).
# Weighting each patch by the inverse of its own noise, so that faint noise would count as much as strong, was
# measured worse at every level (1500 steps: -0.1 to -5 dB mean, -9 dB on one image).
#
#   scripts/train-denoisers.sh                  (the seven runs as shipped; re-running resumes the checkpoints)
#   STEPS=300 TUNING=100 LONG=100 LONGER=100 WIDER=100 GROWN=100 scripts/train-denoisers.sh   (a quick trial)
#   MODEL=denoise-wide FEATURES=20 STEPS=15000 LR=3e-4 scripts/train-denoisers.sh   (a wider network, longer)
#   MODEL=denoise-p128 PATCH=128 BATCH=2 SHIP=0 scripts/train-denoisers.sh   (larger patches, same pixels a step)
#   MODEL=denoise-gaussian NOISE="gaussian:sigma=3..200" SHIP=0 scripts/train-denoisers.sh   (one noise family)
#   MODEL=denoise-map NOISE_MAP=1 scripts/train-denoisers.sh   (the network also sees the noise map estimated from
#                                                               its input: train --noise-map; measured, not shipped:
#                                                               models/denoise-general.md)
#   SILHOUETTES=16 scripts/train-denoisers.sh   (16 two-level images added to the content; measured worse, see
#                                                models/denoise-general.md)
set -euo pipefail
cd "$(dirname "$0")/.."
steps=${STEPS:-7500}
shapes=${SILHOUETTES:-0}
data=target/denoise-content
[ "$shapes" -gt 0 ] && data=target/denoise-content-silhouettes$shapes
work=target/denoise-training
model=${MODEL:-denoise-general}
mkdir -p "$data" "$work"

source scripts/training/common.sh
prepare_training_content "$data" 16 "$shapes"   # the shipped model saw 16 dead-leaves scenes, no silhouettes

noise=${NOISE:-"poisson-gaussian:photonsPerUnit=0.0008..1.2,readNoise=0..5 | gaussian:sigma=3..200 | rician:sigma=3..200"}
common=(--task denoise --degradation "$noise" --patch "${PATCH:-64}" --batch "${BATCH:-8}"
  --no-gan --validation 0.05 ${NOISE_MAP:+--noise-map} --average-weights "${AVERAGE:-0.999}"
  --description "Blind denoising of microscopy, medical and photographic images: Poisson-Gaussian (about 1-1000 photons), Gaussian and Rician noise (0.3-20 % of the range)")
from_scratch=(--reconstruction l1 --steps "$steps" --features "${FEATURES:-16}" --depth 4 --lr "${LR:-4e-4}")
tuning=${TUNING:-2000}
if [ "$tuning" = 0 ]; then
  run_training "$work" "$model" --clean "$data/clean" "${common[@]}" --seed 11 "${from_scratch[@]}"
else
  # From random weights, then on from that network at half the rate with fresh Adam moments.
  SHIP=0 run_training "$work" "$model-first" --clean "$data/clean" "${common[@]}" --seed 11 "${from_scratch[@]}"
  SHIP=0 run_training "$work" "$model-second" --clean "$data/clean" "${common[@]}" --seed 11 --reconstruction l1 \
    --steps "$tuning" --lr 2e-4 --start "$work/$model-first.zip"
  # Then with log-l1 (each patch counted by its error relative to its own, as the mean gain in dB over images counts
  # it), its last step; then much longer from that, where the first three runs had stopped short: 20000 steps more
  # gained 0.3 to 0.6 dB at every level of the real-image benchmark, 25000 more after those another 0.1 to 0.3
  # (models/denoise-general.md).
  relative=(--reconstruction log-l1 --lr 2e-4 --model last)
  # The log-l1 runs, each from the one before; the last of them is the model (LONG=0: the third, WIDER=0: the fifth).
  last=seventh
  [ "${GROWN:-24000}" = 0 ] && last=sixth
  [ "${WIDER:-20000}" = 0 ] && last=fifth
  [ "${LONG:-20000}" = 0 ] && last=third
  log_l1_run() { # ordinal seed steps start-run clean-folder [options...]
    local name=$model-$1 ship=0
    if [ "$1" = "$last" ]; then name=$model; ship=${SHIP:-1}; fi
    SHIP=$ship run_training "$work" "$name" --clean "$5" "${common[@]}" --seed "$2" "${relative[@]}" --steps "$3" \
      --start "$work/$4.zip" "${@:6}"
  }
  log_l1_run third 11 "$tuning" "$model-second" "$data/clean"
  [ "$last" = third ] && exit 0
  log_l1_run fourth 12 "${LONG:-20000}" "$model-third" "$data/clean"
  log_l1_run fifth 13 "${LONGER:-25000}" "$model-fourth" "$data/clean"
  [ "$last" = fifth ] && exit 0
  # Then on content drawn wider from the same sources: four crops from each plane of every wallpaper picture, at four
  # scales, and four times the phantoms (PHOTO_CROPS=4; the same shares of photographs and phantoms). The same steps
  # on the first content had stopped paying (models/denoise-general.md).
  wide=target/denoise-content-crops4
  PHOTO_CROPS=4 prepare_training_content "$wide" 16 0
  log_l1_run sixth 14 "${WIDER:-20000}" "$model-fifth" "$wide/clean"
  [ "$last" = sixth ] && exit 0
  # Then grown to 20 features (1.6 times the inference time of 16): six runs of the 16-feature network had ended
  # within a few hundredths of a dB of each other whatever the steps, rate or loss (models/denoise-general.md).
  log_l1_run seventh 15 "${GROWN:-24000}" "$model-sixth" "$wide/clean" --features 20
fi
