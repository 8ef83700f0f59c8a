#!/usr/bin/env bash
# Reproduces the shipped style model, style-widefield-to-confocal, from scratch (the other models have their own
# scripts: train-denoisers.sh, train-sr.sh, train-inpainting.sh, ...): synthetic training data (fixed seeds), then the
# project's own GAN trainer (fixed seeds). Training runs on the CPU unless DJL finds a GPU; times are in
# models/MODELS.md. The fixed-level models it also made before (denoise-fluorescence, sr2-fluorescence,
# denoise-ct-mr) were retired for the general models (models/MODELS.md, "Retired models").
#
#   scripts/train-shipped-models.sh [model ...]     (default: all)
#   STEPS=200 scripts/train-shipped-models.sh style-widefield-to-confocal   (a quick trial)
set -euo pipefail
cd "$(dirname "$0")/.."
data=target/shipped-data
work=target/shipped-training
mkdir -p "$data" "$work" models
cli=scripts/imagej-gan
steps=${STEPS:-}

dataset() { # folder phantom degradation count seed size
  [ -d "$data/$1" ] || java -Djava.awt.headless=true -cp "target/classes:$(cat target/cli-classpath.txt)" \
    io.github.imagejgan.synth.SyntheticDataset "$data/$1" "$2" "$3" "$4" "$5" "$6"
}

# Merges datasets into one pair of folders (input/ and target/), file names prefixed by their dataset.
merge() { # name input-subfolder target-subfolder datasets...
  local name=$1 in=$2 out=$3; shift 3
  rm -rf "$data/$name"; mkdir -p "$data/$name/input" "$data/$name/target"
  for d in "$@"; do
    for f in "$data/$d/$in"/*.tif; do ln -s "$(realpath "$f")" "$data/$name/input/$d-$(basename "$f")"; done
    for f in "$data/$d/$out"/*.tif; do ln -s "$(realpath "$f")" "$data/$name/target/$d-$(basename "$f")"; done
  done
}

train() { # model default-steps options...
  local model=$1 default=$2; shift 2
  local start=$(date +%s)
  "$cli" train --out "$work/$model.zip" --work "$work/$model" --steps "${steps:-$default}" "$@" \
    | tee "$work/$model.log" | grep -E "validation|Finished|Stopped|Device|step [0-9]+0/|Error"
  cp "$work/$model.zip" "models/$model.zip"
  echo "$model: $(( $(date +%s) - start )) s wall clock" | tee -a "$work/times.txt"
}

"$cli" --help > /dev/null || true   # builds classes and the class path

want() { [ $# -eq 0 ] || [[ " $* " == *" $model "* ]]; }
args=("$@")

model=style-widefield-to-confocal
if want "${args[@]}"; then
  # Unpaired: hazy widefield-like images of some cells (domain A) and sharp confocal-like images of others (B).
  for p in nuclei filaments membranes; do
    dataset "wf-$p" "$p" "defocus:sigma=2.5,haze=0.4,hazeSigma=10+poisson-gaussian:readNoise=1,photonsPerUnit=1" \
      16 51 256
    dataset "cf-$p" "$p" "poisson-gaussian:readNoise=1,photonsPerUnit=1" 16 52 256
  done
  merge style-a noisy noisy wf-{nuclei,filaments,membranes}
  merge style-b noisy noisy cf-{nuclei,filaments,membranes}
  # 1500 steps: at 3000 the generator starts drawing membrane-like lines between nuclei (domain B mixes nuclei,
  # filament and membrane cells), which models/MODELS.md shows.
  train $model 1500 --task style --domain-a "$data/style-a/input" --domain-b "$data/style-b/input" \
    --features 16 --depth 3 --d-features 32 --patch 96 --batch 2 --seed 5 --lr 2e-4 \
    --description "Widefield (hazy, out-of-focus) to confocal-like (sharp) appearance, learned without pairs"
fi

# Output statistics of every model on a fixed input, checked by ShippedModelsTest against accidental changes.
mvn -B -q test-compile exec:exec@bench -Dbench.main=io.github.imagejgan.models.ShippedModelFingerprints
