#!/usr/bin/env bash
# Trains the nuclei z-stack denoisers: denoise-nuclei-3d, a volumetric U-Net (3D convolutions) that restores each slice
# of a z-stack from a window of 5 slices; denoise-nuclei-2.5d, which takes the same 5 slices as channels of a 2D U-Net;
# and (SHIP=0, for the comparison in scripts/eval/volume_benchmark.py only) their single-slice twin with the same
# network, data and steps. What trains them: 24 synthetic nuclei volumes (128 x 128 x 32, slices 2 pixels apart,
# anisotropic Gaussian PSF; synth.NucleiVolumePhantom, seeds 1000-1023), never the benchmark's volumes (seeds 5000+).
# Noise is drawn per patch: Poisson with 0.01 to 1 photons per grey value (the brightest nuclei at about 2 to 200
# photons) plus 0 to 2 photons of read noise, independent in every slice.
#
#   scripts/train-volume-denoisers.sh                 (STEPS=3000; re-running resumes the checkpoints)
#   STEPS=300 scripts/train-volume-denoisers.sh       (a quick trial)
#   scripts/train-volume-denoisers.sh denoise-nuclei-3d  (one of them)
set -euo pipefail
cd "$(dirname "$0")/.."
steps=${STEPS:-3000}
data=target/volume-content
work=target/volume-training
mkdir -p "$data" "$work"
source scripts/training/common.sh
scripts/imagej-gan --help > /dev/null || true
if [ ! -d "$data/clean" ]; then
  java -Djava.awt.headless=true -cp "target/classes:$(cat target/cli-classpath.txt)" \
    io.github.imagejgan.synth.SyntheticVolumes "$data/tmp" 24 1000 128x128x32
  mv "$data/tmp" "$data/clean"
fi
noise="poisson-gaussian:photonsPerUnit=0.01..1,readNoise=0..2"
common=(--task denoise --clean "$data/clean" --degradation "$noise" --steps "$steps" --patch 64 --batch 8
  --features 16 --depth 3 --no-gan --reconstruction l1 --lr 4e-4 --seed 17 --validation 0.1)
wanted=${1:-all}
wants() { [ "$wanted" = all ] || [ "$wanted" = "$1" ]; }
if wants denoise-nuclei-3d; then
  run_training "$work" denoise-nuclei-3d "${common[@]}" --slices 5 --volumetric \
    --description "Denoising of fluorescence z-stacks (nuclei-like content, about 2-200 photons): each slice restored from a window of 5 slices by a volumetric (3D) U-Net"
fi
if wants denoise-nuclei-2.5d; then
  run_training "$work" denoise-nuclei-2.5d "${common[@]}" --slices 5 \
    --description "Denoising of fluorescence z-stacks (nuclei-like content, about 2-200 photons): each slice restored from 5 neighbouring slices"
fi
if wants denoise-nuclei-2d; then
  SHIP=0 run_training "$work" denoise-nuclei-2d "${common[@]}" --slices 1 \
    --description "Single-slice twin of denoise-nuclei-2.5d, for comparison"
fi
