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
# The networks add their correction to bicubic upsampling and start there; the loss is L1 without a GAN
# (models/sr-general.md).
#
# Each model is made in two runs: first from bicubic (the content with 100 blurred copies, learning rate 4e-4), then
# fine-tuned from that network on the content with 200 blurred copies at 2e-4; the model is the fine-tuning's best
# validation (the shipped sr2-general: step 600 of 12000).
#
#   scripts/train-sr.sh [sr2-general|sr4-general ...]   (default: both; re-running resumes the checkpoints)
#   STEPS=300 scripts/train-sr.sh sr2-general            (a quick trial: both runs that long)
#   BLOCKS=12 FIRST=18000 TUNING=3000 MODEL=sr2-deep scripts/train-sr.sh sr2-general   (another depth, run lengths
#                                                        and name, trained beside the shipped model, not copied)
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
    | blur-downsample:factor=$f,antiAliasing=area,blurSigma=0..0.7 + jpeg:quality=50..95"
}

train() { # model factor steps patch content rate [options...]
  local model=$1 factor=$2 steps=${STEPS:-$3} patch=$4 clean=$5 rate=$6
  shift 6
  run_training "$work" "$model" --task super-resolution --scale "$factor" --clean "$clean" \
    --degradation "$(pipeline "$factor")" --steps "$steps" --patch "$patch" --batch 8 --features 32 --blocks "${BLOCKS:-8}" \
    --no-gan --reconstruction l1 --lr "$rate" --seed 21 --validation 0.05 "$@" \
    --description "x$factor super-resolution of microscopy, medical and photographic images: clean or blurred, noisy or JPEG-compressed inputs"
}

two_runs() { # model factor first-steps fine-tuning-steps patch
  local model=${MODEL:-$1} factor=$2 first=${FIRST:-$3} tuning=${TUNING:-$4} patch=$5 ship=${SHIP:-1}
  [ "$model" = "$1" ] || ship=0
  SHIP=0 train "$model-first" "$factor" "$first" "$patch" "$(oversampled_content 100)" 4e-4
  SHIP=$ship train "$model" "$factor" "$tuning" "$patch" "$(oversampled_content 200)" 2e-4 \
    --start "$work/$model-first.zip"
}

models=("$@")
[ ${#models[@]} -eq 0 ] && models=(sr2-general sr4-general)
for m in "${models[@]}"; do
  case $m in
    sr2-general) two_runs sr2-general 2 24000 12000 96 ;;
    sr4-general) two_runs sr4-general 4 8000 4000 128 ;;
    *) echo "Unknown model $m; choose sr2-general or sr4-general" >&2; exit 2 ;;
  esac
done
