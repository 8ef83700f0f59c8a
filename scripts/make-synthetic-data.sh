#!/usr/bin/env bash
# Writes folders of synthetic training pairs (clean/NNN.tif + noisy/NNN.tif, mask/NNN.tif for inpainting, and
# dataset.json) for the Train GAN command and the command-line trainer.
#
#   scripts/make-synthetic-data.sh [output folder] [count] [size]
#
# Each call below is `SyntheticDataset <folder> <phantom> <degradation> <count> <seed> [size|WxH]`; run it with no
# arguments to list the phantoms and degradations. A folder that exists and is not empty is never overwritten.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-target/synthetic}"
count="${2:-50}"
size="${3:-256}"

mvn -B -q compile

generate() {
  mvn -B -q exec:exec -Dexec.executable=java \
    -Dexec.args="-Djava.awt.headless=true -classpath %classpath io.github.imagejgan.synth.SyntheticDataset $*"
}

# Denoising: dim fluorescence (a tenth of the photons) with 2 e- read noise.
generate "$out/denoise-filaments" filaments "poisson-gaussian:readNoise=2,photonsPerUnit=0.1" "$count" 1 "$size"
generate "$out/denoise-membranes" membranes "poisson-gaussian:readNoise=2,photonsPerUnit=0.1" "$count" 2 "$size"
# Super-resolution: 4x fewer pixels each way, with camera noise on the low-resolution image.
generate "$out/sr4-puncta" puncta "blur-downsample:factor=4+poisson-gaussian:readNoise=1,photonsPerUnit=0.5" \
  "$count" 3 "$size"
# Low-dose CT and MR.
generate "$out/denoise-ct" ct "gaussian:sigma=30" "$count" 4 "$size"
generate "$out/denoise-mr" mr-t2 "rician:sigma=30" "$count" 5 "$size"
# Inpainting natural-image-like scenes.
generate "$out/inpaint-leaves" dead-leaves "mask:shape=strokes,min=0.05,max=0.25" "$count" 6 "$size"
