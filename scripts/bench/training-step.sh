#!/usr/bin/env bash
# GAN training step and tiled U-Net inference: Java/DJL beside the same architecture in Python PyTorch
# (Debian: apt-get install python3-torch), same thread count, same run. Prints both and their ratios.
set -euo pipefail
cd "$(dirname "$0")/../.."
threads=${THREADS:-$(nproc)}
size=${IMAGE_SIZE:-1024}
# glibc's default malloc thresholds cause multi-second outliers with large tensors; both sides get the same setting.
export MALLOC_MMAP_THRESHOLD_=1073741824 MALLOC_TRIM_THRESHOLD_=4294967296 OMP_NUM_THREADS=$threads
java_out=$(mvn -B test-compile exec:exec@bench -Dbench.main=io.github.imagejgan.train.TrainingBenchmark \
  -Dbench.args="$size" 2>&1 | grep -E '^(java|tile)')
echo "$java_out"
tile=$(echo "$java_out" | awk '/^tile-input/ {print $2}')
tiles=$(echo "$java_out" | awk '/^tile-input/ {print $4}')
py_out=$(/usr/bin/python3 scripts/bench/gan_step.py "$threads" "$tile")
echo "$py_out"
awk -v j="$java_out" -v p="$py_out" -v tiles="$tiles" -v size="$size" 'BEGIN {
  split(j, jl, "\n"); for (i in jl) { split(jl[i], f, " "); jv[f[1]] = f[2] }
  split(p, pl, "\n"); for (i in pl) { split(pl[i], f, " "); pv[f[1]] = f[2] }
  printf "training step: Java/DJL %.0f ms, Python %.0f ms, ratio %.2f\n", jv["java-step-ms"], pv["python-step-ms"], jv["java-step-ms"] / pv["python-step-ms"]
  for (i in jl) if (jl[i] ~ /^java-100-steps/) print "100 Java steps: " substr(jl[i], 19)
  printf "one tile forward: Java/DJL %.1f ms, Python %.1f ms, ratio %.2f\n", jv["java-tile-ms"], pv["python-tile-ms"], jv["java-tile-ms"] / pv["python-tile-ms"]
  py_mpix = size * size / (tiles * pv["python-tile-ms"] / 1000) / 1e6
  printf "whole %dx%d image through bridge+tiling: %.3f MPix/s; Python forward on the same tiles %.3f MPix/s, ratio %.2f\n", size, size, jv["java-image-mpix-per-s"], py_mpix, py_mpix / jv["java-image-mpix-per-s"]
}'
