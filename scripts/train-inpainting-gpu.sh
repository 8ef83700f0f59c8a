#!/usr/bin/env bash
# Trains the shipped inpainting model (models/inpaint-general.zip) on for minutes on a GPU, with the holes, data and
# log-l2 loss of its last run (scripts/train-inpainting.sh), on many more patches than the CPU allows. The GPU part runs
# scripts/training/gpu_inpaint.py under PyTorch with CUDA, on a machine that needs no Java and is sent a copy of this
# repository with the packed content (target/ is not committed: send target/gpu-inpaint/pack.npz along).
#
#   scripts/train-inpainting-gpu.sh pack      here: target/gpu-inpaint/pack.npz (at most 22 MB of `oversampled_content
#                                             200`, the content of the shipped model's last runs)
#   scripts/train-inpainting-gpu.sh train     on the GPU machine: RUN/weights.npz, run.json and log.txt (RUN defaults to
#                                             target/gpu-inpaint/run; RUN="$OUT/run" there brings the checkpoints,
#                                             written every two minutes, back even from a run cut short)
#   scripts/train-inpainting-gpu.sh finish    here, with RUN copied back: target/gpu-inpaint/inpaint-gpu.zip, the start
#                                             with the GPU run's weights (not copied into models/: benchmark it first)
#
# START (default models/inpaint-general.zip) is the network it starts from; MINUTES (5), BATCH (64), LR (2e-4) and SEED
# (35) the run's.
set -euo pipefail
cd "$(dirname "$0")/.."
start=${START:-models/inpaint-general.zip}
gpu=target/gpu-inpaint
run=${RUN:-$gpu/run}
mkdir -p "$gpu"
case "${1:-}" in
  pack)
    source scripts/training/common.sh
    content=$(oversampled_content 200)
    # Crops of 128 pixels hold the 96-pixel patches anywhere inside them and tile both image sizes of the content
    # (256 and 384) without a remainder.
    /usr/bin/python3 scripts/training/gpu_inpaint.py pack "$content" "$gpu/pack.npz" --crop 128 --budget-mb 21.5
    ;;
  train)
    python3 scripts/training/gpu_inpaint.py train "$gpu/pack.npz" "$start" "$run" --minutes "${MINUTES:-5}" \
      --batch "${BATCH:-64}" --lr "${LR:-2e-4}" --seed "${SEED:-35}" --loss log-l2
    ;;
  finish)
    source scripts/training/common.sh
    external_weights import "$start" "$run/weights.npz" "$run/run.json" "$gpu/inpaint-gpu.zip"
    ;;
  *)
    sed -n '2,16p' "$0"; exit 2
    ;;
esac
