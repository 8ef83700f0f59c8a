#!/usr/bin/env bash
# The eighth run of denoise-general: the seventh (scripts/train-denoisers.sh) trained on for 3.3 minutes on a GPU,
# then 6000 steps on the CPU, then blended with the seventh: 0.3 of its weights and 0.7 of the CPU run's
# (models/denoise-general.md, "The eighth run"). The GPU part runs scripts/training/gpu_denoise.py under PyTorch
# with CUDA, on a machine that needs no Java and is sent a copy of this repository with the packed content (target/ is
# not committed: copy target/gpu/pack.npz along).
#
#   scripts/train-denoiser-gpu.sh pack       here: target/gpu/pack.npz (22 MB of the seventh run's content)
#   scripts/train-denoiser-gpu.sh train      on the GPU machine: target/gpu/run/weights.npz and run.json
#   scripts/train-denoiser-gpu.sh finish     here, with target/gpu/run copied back: the import, the CPU run (14 min on
#                                            two cores) and the blend, copied into models/denoise-general.zip
#
# START (default target/denoise-training/denoise-general.zip, the seventh run) is the network it starts from.
# The shipped run packed each crop with its own normalization (--per-crop), which made the GPU network darken dark
# backgrounds; the CPU run and the blend are what mended that. PER_CROP=0 packs as the Java trainer normalizes (by
# the whole image's percentiles); a CPU run from the shipped model so packed still darkened hubble_deep_field's sky
# (models/denoise-general.md), so keep the blend and check that image before shipping.
set -euo pipefail
cd "$(dirname "$0")/.."
start=${START:-target/denoise-training/denoise-general.zip}
gpu=target/gpu
mkdir -p "$gpu"
case "${1:-}" in
  pack)
    source scripts/training/common.sh
    PHOTO_CROPS=4 prepare_training_content target/denoise-content-crops4 16 0
    per_crop=(--per-crop); [ "${PER_CROP:-1}" = 0 ] && per_crop=()
    /usr/bin/python3 scripts/training/gpu_denoise.py pack target/denoise-content-crops4/clean "$gpu/pack.npz" \
      --crop 96 --budget-mb 22 "${per_crop[@]}"
    ;;
  train)
    python3 scripts/training/gpu_denoise.py train "$gpu/pack.npz" "$start" "$gpu/run" --minutes 3.3 --batch 128 \
      --lr 3e-4 --seed 16
    ;;
  finish)
    source scripts/training/common.sh
    external_weights import "$start" "$gpu/run/weights.npz" "$gpu/run/run.json" "$gpu/denoise-gpu.zip"
    SHIP=0 run_training "$gpu" denoise-cpu --clean target/denoise-content-crops4/clean --task denoise \
      --degradation "poisson-gaussian:photonsPerUnit=0.0008..1.2,readNoise=0..5 | gaussian:sigma=3..200 | rician:sigma=3..200" \
      --patch 64 --batch 8 --no-gan --validation 0.05 --average-weights 0.999 --seed 17 --reconstruction log-l1 \
      --lr 1e-4 --model last --steps 6000 --start "$gpu/denoise-gpu.zip" \
      --description "Blind denoising of microscopy, medical and photographic images: Poisson-Gaussian (about 1-1000 photons), Gaussian and Rician noise (0.3-20 % of the range)"
    external_weights blend "$start" "$gpu/denoise-cpu.zip" 0.7 "$gpu/denoise-general.zip"
    cp "$gpu/denoise-general.zip" models/denoise-general.zip
    ;;
  *)
    sed -n '2,18p' "$0"; exit 2
    ;;
esac
