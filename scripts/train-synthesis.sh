#!/usr/bin/env bash
# Trains the shipped label-to-image model synth-nuclei-fluorescence (SPADE: instance labels of nuclei in, a widefield
# fluorescence image out) and copies it into models/. What trains it: COUNT scenes of the project's nuclei phantom
# (seed 41), written by synth.LabelledDataset as labels/NNN.tif (16-bit instance ids) and images/NNN.tif (the scene
# through the phantom's PSF, then defocus haze and Poisson-Gaussian camera noise). Scenes of any other seed never
# took part in training: scripts/eval/synthesis_benchmark.py draws its test scenes from them.
#
#   scripts/train-synthesis.sh                  (STEPS=20000, COUNT=400 scenes of 256 x 256 by default; re-running
#                                                resumes the checkpoint)
#   STEPS=100 COUNT=8 SIZE=128 WORK=target/synthesis-smoke SHIP=0 scripts/train-synthesis.sh   (a smoke run)
set -euo pipefail
cd "$(dirname "$0")/.."
steps=${STEPS:-20000}
count=${COUNT:-400}
size=${SIZE:-256}
data=${DATA:-target/synthesis-data/nuclei-$count-$size}
work=${WORK:-target/synthesis-training}
model=${MODEL:-synth-nuclei-fluorescence}
degradation=${DEGRADATION:-"defocus:sigma=1,haze=0.2,hazeSigma=8+poisson-gaussian:readNoise=2,photonsPerUnit=1"}

source scripts/training/common.sh
scripts/imagej-gan --help > /dev/null || true   # builds the classes and the class path
if [ ! -d "$data/labels" ]; then
  java -Djava.awt.headless=true -cp "target/classes:$(cat target/cli-classpath.txt)" \
    io.github.imagejgan.synth.LabelledDataset "$data" nuclei "$degradation" "$count" 41 "$size"
fi

# NB: SPADE's rates: the discriminator learns four times as fast as the generator (the trainer sets it from --lr).
run_training "$work" "$model" --task synthesis --labels "$data/labels" --images "$data/images" --instances \
  --steps "$steps" --patch "${PATCH:-128}" --batch "${BATCH:-4}" --features "${FEATURES:-32}" --depth 3 \
  --d-features 64 --lr "${LR:-1e-4}" --seed 41 --validation 0.05 \
  --description "Widefield fluorescence images of nuclei from their instance labels (each nucleus its own id); several samples per label image from the seed"
