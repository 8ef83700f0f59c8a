#!/usr/bin/env bash
# Trains the shipped blind denoiser, denoise-general, over wide noise ranges on varied clean content, and copies it
# into models/. What trains it:
#   - real photographs: crops of the pictures in Debian's wallpaper packages (installed here when missing; used as
#     training content only, never committed);
#   - the project's phantoms (nuclei, filaments, membranes, puncta, CT, MR T1/T2) and dead-leaves scenes.
# Never scikit-image's, SciPy's or pydicom's images: those are the test images of scripts/eval/denoise_benchmark.py.
#
# Every clean image is rescaled so that its 1st percentile is 0 and its 99.8th is 1000 grey values; the noise is
# drawn per patch from wide ranges at that scale: Poisson-Gaussian with 0.8 to 1200 photons at the bright end and
# 0 to 5 photons of read noise, or Gaussian or Rician noise of 0.3 % to 20 % of the range.
#
# The loss is L1 with each patch weighted by the inverse of its own noise (l1-balanced), so that the faint end of the
# range counts as much as the strong end (RECONSTRUCTION=l1 for plain L1).
#
#   scripts/train-denoisers.sh                  (STEPS=7500 by default, as shipped; re-running resumes the checkpoint)
#   STEPS=300 scripts/train-denoisers.sh        (a quick trial)
set -euo pipefail
cd "$(dirname "$0")/.."
steps=${STEPS:-7500}
data=target/denoise-content
work=target/denoise-training
model=${MODEL:-denoise-general}
mkdir -p "$data" "$work"

packages="gnome-backgrounds plasma-workspace-wallpapers mate-backgrounds ukui-wallpapers lomiri-wallpapers-16.04
  lomiri-wallpapers-20.04 python3-pil python3-numpy"
missing=$(for p in $packages; do dpkg -s "$p" >/dev/null 2>&1 || echo "$p"; done)
if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -q && apt-get install -y -q --no-install-recommends $missing
  else
    echo "Install first: sudo apt-get install $missing" >&2; exit 1
  fi
fi

"scripts/imagej-gan" --help > /dev/null || true   # builds classes and the class path
if [ ! -d "$data/clean" ]; then
  rm -rf "$data/tmp" && mkdir -p "$data/tmp"
  /usr/bin/python3 scripts/training/prepare_content.py photos "$data/tmp/clean" --count 240 --size 384 --seed 7
  for p in nuclei filaments membranes puncta ct mr-t1 mr-t2 dead-leaves; do
    # More dead-leaves scenes than other phantoms: their flat, sharply bounded regions stand for masks, drawings
    # and segmentation-like images, which photographs rarely show.
    count=16; [ "$p" = dead-leaves ] && count=48
    java -Djava.awt.headless=true -cp "target/classes:$(cat target/cli-classpath.txt)" \
      io.github.imagejgan.synth.SyntheticDataset "$data/tmp/$p" "$p" "gaussian:sigma=0" $count 61 256 > /dev/null
    /usr/bin/python3 scripts/training/prepare_content.py rescale "$data/tmp/$p/clean" "$data/tmp/$p-scaled"
    for f in "$data/tmp/$p-scaled"/*.tif; do mv "$f" "$data/tmp/clean/$p-$(basename "$f")"; done
  done
  mv "$data/tmp/clean" "$data/clean" && rm -rf "$data/tmp"
fi

noise="poisson-gaussian:photonsPerUnit=0.0008..1.2,readNoise=0..5 | gaussian:sigma=3..200 | rician:sigma=3..200"
resume=()
[ -f "$work/$model/$model-last.zip" ] && resume=(--resume "$work/$model/$model-last.zip")
start=$(date +%s)
"scripts/imagej-gan" train --task denoise --clean "$data/clean" --degradation "$noise" --out "$work/$model.zip" \
  --work "$work/$model" --steps "$steps" --patch 64 --batch 8 --features 16 --depth 4 --no-gan \
  --reconstruction ${RECONSTRUCTION:-l1-balanced} --lr ${LR:-4e-4} --seed 11 --validation 0.05 --name "$model" "${resume[@]}" \
  --description "Blind denoising of microscopy, medical and photographic images: Poisson-Gaussian (about 1-1000 photons), Gaussian and Rician noise (0.3-20 % of the range)" \
  2>&1 | tee -a "$work/$model.log" | grep -E "validation|Finished|Stopped|Device|Warning|Error|step [0-9]+00/"
cp "$work/$model.zip" "models/$model.zip"
echo "$model: $(( $(date +%s) - start )) s wall clock this run" | tee -a "$work/times.txt"
