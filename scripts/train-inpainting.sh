#!/usr/bin/env bash
# Trains the shipped inpainting model, inpaint-general, and copies it into models/. What trains it: the clean content
# of scripts/training/common.sh (wallpaper photographs, the project's phantoms and dead-leaves scenes; never the test
# images of scripts/eval/), plus blurred copies of some of them, as for super-resolution: smooth images, in whose
# holes the fill is already right and the network must add nothing.
#
# Holes are drawn per patch: boxes, strokes or blobs covering 3 to 25 % of it. The network starts from a classical
# fill of each hole (pull-push pyramid, then conjugate-gradient steps towards the thin-plate fill), which already
# matches the hole's border, and learns with L1 what to add to it; known pixels are never changed.
#
# Four runs: 8000 steps from the fill at 4e-4 on the content with 100 blurred copies, then fine-tuned from that
# network at 2e-4 on the content with 200 (its best validation, step 2400 of 3000, was the model shipped before), then
# 1500 steps more with the log-l1 loss (each patch counted by its error relative to its own, as the mean gain in dB
# over images counts it, so that smooth images, where the classical fill is already right, weigh as much as textured
# ones), then 2500 steps more with the log-l2 loss (the patches' mean PSNR itself: deep inside a large hole, where
# the network cannot know what lies there, it learns the mean of what may, not a sharper guess that misses by more);
# the model is the last run's last step (pooled validation PSNR does not rank models by that mean).
#
#   scripts/train-inpainting.sh                 (the four runs, as shipped; re-running resumes the checkpoints)
#   STEPS=300 scripts/train-inpainting.sh       (a quick trial: every run that long)
#   MODEL=inpaint-d4 DEPTH=4 FEATURES=12 FIRST=5000 TUNING=2000 RELATIVE=1000 MEAN=0 scripts/train-inpainting.sh
#                      (another network and the runs' lengths, MEAN=0 leaving out the log-l2 run, trained beside
#                       the shipped model under that name, not copied into models/)
set -euo pipefail
cd "$(dirname "$0")/.."
work=target/inpainting-training
mkdir -p "$work"

source scripts/training/common.sh

holes="mask:shape=boxes,min=0.03,max=0.25 | mask:shape=strokes,min=0.03,max=0.25 | mask:shape=blobs,min=0.03,max=0.25"
train() { # model steps content rate [options...]
  local model=$1 steps=${STEPS:-$2} clean=$3 rate=$4
  shift 4
  run_training "$work" "$model" --task inpaint --clean "$clean" --degradation "$holes" --steps "$steps" \
    --patch 96 --batch 8 --features "${FEATURES:-16}" --depth "${DEPTH:-3}" --no-gan --reconstruction "${LOSS:-l1}" --lr "$rate" --seed "${SEED:-31}" \
    --validation 0.05 "$@" \
    --description "Fills masked pixels (boxes, strokes, blobs) of photographs, microscopy and medical images; known pixels never change"
}

model=${MODEL:-inpaint-general}
ship=1
[ "$model" = inpaint-general ] || ship=0
SHIP=0 train "$model-first" "${FIRST:-8000}" "$(oversampled_content 100)" 4e-4
SHIP=0 train "$model-second" "${TUNING:-3000}" "$(oversampled_content 200)" 2e-4 --start "$work/$model-first.zip"
if [ "${MEAN:-2500}" = 0 ]; then
  SHIP=$ship LOSS=log-l1 train "$model" "${RELATIVE:-1500}" "$(oversampled_content 200)" 2e-4 \
    --start "$work/$model-second.zip" --model last
else
  SHIP=0 LOSS=log-l1 train "$model-third" "${RELATIVE:-1500}" "$(oversampled_content 200)" 2e-4 \
    --start "$work/$model-second.zip" --model last
  SHIP=$ship LOSS=log-l2 SEED=35 train "$model" "${MEAN:-2500}" "$(oversampled_content 200)" 2e-4 \
    --start "$work/$model-third.zip" --model last
fi
