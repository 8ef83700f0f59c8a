#!/usr/bin/env bash
# Whole-image prediction, Java/DJL beside Python PyTorch (Debian: apt-get install python3-torch), same network
# (UNetSpec.restoration: U-Net, 32 features, depth 3), same thread count, same run:
#   - Java end to end: a 16-bit image through Predictor at the automatic tile size (percentiles, bridge, tiles,
#     blending, 32-bit output), as Fiji runs it; and again with the command-line launcher's malloc settings;
#   - DJL's raw forward over the whole image in one piece (the ceiling of any tiling);
#   - Python's forward over the whole image in one piece, and over a naive 256-px tiling with a 64-px halo (what a
#     user scripting PyTorch writes).
# Nothing tunes the C library for either side, except the second Java line. IMAGE_SIZES="1024 4096" by default.
set -euo pipefail
cd "$(dirname "$0")/../.."
threads=${THREADS:-$(nproc)}
sizes=${IMAGE_SIZES:-1024 4096}
export OMP_NUM_THREADS=$threads
mvn -B -q test-compile
class_path="target/test-classes:target/classes:$(mvn -B -q dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=/dev/stdout)"
java_run() {
  java -Dai.djl.offline=true -Djava.awt.headless=true -Xmx8g -Dai.djl.pytorch.num_threads="$threads" \
    -cp "$class_path" io.github.imagejgan.predict.PredictionBenchmark "$@" 2>/dev/null | grep -E '^java-(e2e|raw)'
}
java_out=$(java_run $sizes)
launcher_out=$(MALLOC_ARENA_MAX=1 MALLOC_MMAP_THRESHOLD_=1073741824 MALLOC_TRIM_THRESHOLD_=4294967296 java_run $sizes \
  | sed 's/^java-/launcher-/')
py_out=$(/usr/bin/python3 scripts/bench/gan_step.py "$threads" prediction $sizes)
echo "threads $threads; $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
printf '%s\n%s\n%s\n' "$java_out" "$launcher_out" "$py_out"
for size in $sizes; do
  printf '%s\n%s\n%s\n' "$java_out" "$launcher_out" "$py_out" | awk -v size="$size" '
    $2 == size { t[$1] = $3 }
    END {
      mp = size * size / 1e6
      printf "%dx%d: end to end %.3f MPix/s (launcher %.3f); ", size, size, mp / t["java-e2e"], mp / t["launcher-e2e"]
      if (t["java-raw"] > 0) printf "vs DJL one piece %.2f; ", t["java-raw"] / t["java-e2e"]
      else printf "DJL one piece did not fit; "
      printf "vs Python one piece %.2f, vs Python naive 256-px tiles %.2f (launcher %.2f, %.2f)\n",
        t["python-whole"] / t["java-e2e"], t["python-naive"] / t["java-e2e"],
        t["python-whole"] / t["launcher-e2e"], t["python-naive"] / t["launcher-e2e"]
    }'
done
