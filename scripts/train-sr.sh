#!/usr/bin/env bash
# Trains the shipped super-resolution models, sr2-general (x2) and sr4-general (x4), and copies them into models/.
# What trains them: the clean content of scripts/training/common.sh (wallpaper photographs, the project's phantoms
# and dead-leaves scenes; never the test images of scripts/eval/), each image at one grey-value scale (0..1000), plus
# blurred copies of some of them: images sampled finer than their optics resolve, so that the networks learn to leave
# soft edges soft.
#
# The low-resolution inputs are made per patch by a randomized pipeline, so that what users feed in lies inside
# the training distribution: half of the cases clean (exact area averaging, i.e. binning; binning after mild blur;
# Gaussian anti-aliasing with extra blur), then blur plus Gaussian noise, blur plus Poisson-Gaussian noise, and JPEG.
# The networks add their correction to bicubic upsampling and start there; no GAN (models/sr-general.md).
#
# Each model is made in three runs: first from bicubic with L1 (the content with 100 blurred copies, learning rate
# 4e-4), then fine-tuned from that network with L1 on the content with 200 blurred copies at 2e-4 (fresh Adam
# moments; its best validation, for sr2-general step 600 of 12000), then on from that with the log-l1 loss (each
# patch counted by its error relative to its own, as the mean gain in dB over images counts it, so that smooth images
# that bicubic already restores weigh as much as textured ones); the model is that run's last step. sr2-general has a
# fourth run, on from the third with log-l1, whose pipeline also has noisy inputs binned without further blur. A fifth
# run, on from the fourth, whose pipeline also has optics that a round Gaussian does not name (the optics_run below),
# runs only when asked for (OPTICS=N); the shipped model has none (models/sr-general.md says why). So does a JPEG
# run (JPEG=N with FROM=zip: JPEG files on few grey values, the jpeg_run below), measured for x4 and not shipped.
#
#   scripts/train-sr.sh [sr2-general|sr4-general ...]   (default: both; re-running resumes the checkpoints)
#   STEPS=300 scripts/train-sr.sh sr2-general            (a quick trial: every run that long)
#   BLOCKS=12 FIRST=18000 TUNING=3000 RELATIVE=2000 MODEL=sr2-deep scripts/train-sr.sh sr2-general
#                      (another depth, the runs' lengths and a name: trained beside the shipped model, not copied;
#                      UNBLURRED=N the fourth run's steps, 0 for none; OPTICS=N the fifth's)
#   FROM=models/sr2-general.zip MODEL=sr2-trial OPTICS=600 scripts/train-sr.sh sr2-general
#                      (only the fifth run, from the given network)
#   FROM=models/sr4-general.zip MODEL=sr4-jpeg JPEG=2000 scripts/train-sr.sh sr4-general
#                      (only the JPEG run, from the given network)
set -euo pipefail
cd "$(dirname "$0")/.."
work=target/sr-training
mkdir -p "$work"

source scripts/training/common.sh

pipeline() { # factor
  local f=$1
  echo "blur-downsample:factor=$f,antiAliasing=area \
    | blur-downsample:factor=$f,antiAliasing=area,blurSigma=0..0.8 \
    | blur-downsample:factor=$f,antiAliasing=gaussian,blurSigma=0..1.5 \
    | blur-downsample:factor=$f,antiAliasing=area,blurSigma=0..1 + gaussian:sigma=1..60 \
    | blur-downsample:factor=$f,antiAliasing=gaussian,blurSigma=0..1 + poisson-gaussian:photonsPerUnit=0.02..3,readNoise=0..3 \
    | blur-downsample:factor=$f,antiAliasing=area,blurSigma=0..0.7 + jpeg:quality=50..95${JPEG_LEVELS:+,levels=8..255 \
    | blur-downsample:factor=$f,antiAliasing=area + jpeg:quality=50..95,levels=8..255 \
    | blur-downsample:factor=$f,antiAliasing=area,blurSigma=0..0.7 + gaussian:sigma=1..30 + jpeg:quality=60..95,levels=8..255}${UNBLURRED_NOISE:+ \
    | blur-downsample:factor=$f,antiAliasing=area + gaussian:sigma=1..60 \
    | blur-downsample:factor=$f,antiAliasing=area + poisson-gaussian:photonsPerUnit=0.02..3,readNoise=0..3}${OPTICS_BLUR:+ \
    | $(optics "$f" gaussian 0.25 2 0.15) \
    | $(optics "$f" airy 0.5 3 0.7) \
    | $(optics "$f" disk 0.5 3 0.6) \
    | $(optics "$f" gaussian 0.25 2 0.15) + gaussian:sigma=1..60 \
    | $(optics "$f" airy 0.5 3 0.7) + poisson-gaussian:photonsPerUnit=0.02..3,readNoise=0..3}"
}

optics() { # factor shape smallest largest narrowest: a PSF of that shape, its size from smallest to largest times the
  # factor (input pixels), as round as 1 or as narrow as narrowest, at any angle, before binning
  local f=$1
  echo "psf:shape=$2,size=$(awk "BEGIN{printf \"%.2f\", $3 * $f}")..$(awk "BEGIN{printf \"%.2f\", $4 * $f}"),aspect=$5..1,angle=0..180 \
+ blur-downsample:factor=$f,antiAliasing=area"
}

train() { # model factor steps patch content rate [options...]
  local model=$1 factor=$2 steps=${STEPS:-$3} patch=$4 clean=$5 rate=$6
  shift 6
  run_training "$work" "$model" --task super-resolution --scale "$factor" --clean "$clean" \
    --degradation "$(pipeline "$factor")" --steps "$steps" --patch "$patch" --batch 8 --features 32 --blocks "${BLOCKS:-8}" \
    --no-gan --reconstruction "${LOSS:-l1}" --lr "$rate" --seed "${SEED:-21}" --validation 0.05 "$@" \
    --description "x$factor super-resolution of microscopy, medical and photographic images: clean or blurred, noisy or JPEG-compressed inputs"
}

model_runs() { # model factor first-steps fine-tuning-steps relative-steps patch [unblurred-steps [optics-steps]]
  local model=${MODEL:-$1} factor=$2 first=${FIRST:-$3} tuning=${TUNING:-$4} relative=${RELATIVE:-$5} patch=$6
  local unblurred=${UNBLURRED:-${7:-0}} optics=${OPTICS:-${8:-0}}
  local ship=${SHIP:-1}
  [ "$model" = "$1" ] || ship=0
  local jpeg=${JPEG:-0} noisy=""
  [ "$unblurred" = 0 ] || noisy=1
  if [ -n "${FROM:-}" ]; then
    if [ "$jpeg" != 0 ]; then
      jpeg_run "$model" "$factor" "$jpeg" "$patch" "$FROM" "$ship" "$noisy"
    else
      optics_run "$model" "$factor" "$optics" "$patch" "$FROM" "$ship"
    fi
    return
  fi
  SHIP=0 train "$model-first" "$factor" "$first" "$patch" "$(oversampled_content 100)" 4e-4
  SHIP=0 train "$model-second" "$factor" "$tuning" "$patch" "$(oversampled_content 200)" 2e-4 \
    --start "$work/$model-first.zip"
  # The log-l1 run is the model itself, unless a fourth run follows it.
  local third=$model third_ship=$ship
  [ "$unblurred" = 0 ] || { third=$model-third; third_ship=0; }
  SHIP=$third_ship LOSS=log-l1 train "$third" "$factor" "$relative" "$patch" "$(oversampled_content 200)" 2e-4 \
    --start "$work/$model-second.zip" --model last
  [ "$unblurred" = 0 ] && return
  # Then on with noisy inputs that were binned without further blur as well: in the pipeline above every noisy input
  # is blurred before its reduction (sigma 0 to 1), so the network learned to sharpen noisy input, and it
  # over-sharpened the commonest noisy case, a camera's binning plus its noise (models/sr-general.md).
  local fourth=$model fourth_ship=$ship
  [ "$optics" = 0 ] || { fourth=$model-fourth; fourth_ship=0; }
  SHIP=$fourth_ship LOSS=log-l1 SEED=23 UNBLURRED_NOISE=1 train "$fourth" "$factor" "$unblurred" "$patch" \
    "$(oversampled_content 200)" 2e-4 --start "$work/$third.zip" --model last
  [ "$optics" = 0 ] && return
  optics_run "$model" "$factor" "$optics" "$patch" "$work/$fourth.zip" "$ship"
}

# The JPEG run: on with JPEG files as they are saved, whole pictures whose smooth parts span a few grey values each
# (levels=8..255: the training patch's range on that many of the file's 255), clean or noisy. The runs before saved
# every patch over all 255 grey values, sparing smooth patches the blocking a real file gives them, and both networks
# sharpened the blocks of smooth JPEG images (models/sr-general.md, *JPEG files and photon noise*).
jpeg_run() { # model factor steps patch start ship unblurred-noise
  SHIP=$6 LOSS=log-l1 SEED=27 JPEG_LEVELS=1 UNBLURRED_NOISE=$7 train "$1" "$2" "$3" "$4" "$(oversampled_content 200)" \
    2e-4 --start "$5" --model last
}

# The fifth run: on with optics that a round Gaussian blur does not name as well (elongated Gaussians, Airy patterns
# and defocus disks up to two or three times the factor, before binning, clean or noisy): inputs far softer than
# the pipeline's, which the fourth run's network enlarged little better than bicubic (models/sr-general.md).
optics_run() { # model factor steps patch start ship
  SHIP=$6 LOSS=log-l1 SEED=26 UNBLURRED_NOISE=1 OPTICS_BLUR=1 train "$1" "$2" "$3" "$4" "$(oversampled_content 200)" \
    2e-4 --start "$5" --model last
}

models=("$@")
[ ${#models[@]} -eq 0 ] && models=(sr2-general sr4-general)
for m in "${models[@]}"; do
  case $m in
    sr2-general) model_runs sr2-general 2 24000 12000 2000 96 5000 ;;
    sr4-general) model_runs sr4-general 4 8000 4000 1500 128 ;;
    *) echo "Unknown model $m; choose sr2-general or sr4-general" >&2; exit 2 ;;
  esac
done
