#!/usr/bin/env bash
# The Spark runner beside the command line on one machine: the same folder of N copies of the bundled 256x256 16-bit
# sample, denoised with the shipped denoise-general model on the CPU, first by `imagej-gan denoise`, then by the
# Spark runner's shaded jar on each master given (default local[1] and local[2]). Prints wall-clock seconds, files per
# second, the CPU seconds the run's processes used, and both against the command line; checks that the outputs are the
# command line's, byte for byte. On a machine shared with other work the wall-clock time varies with their load; the
# CPU time much less. PyTorch's threads per process follow OMP_NUM_THREADS when it is set (DJL logs the number):
# compare runs with it unset and with OMP_NUM_THREADS=1, one thread per task.
# SIZE=1024 makes each file a 1024 x 1024 mosaic of the sample instead (fields as a screening camera records them;
# needs python3-tifffile), so that the work per file, not Spark's fixed start, sets the time.
# Usage: [SIZE=1024] scripts/bench/spark-overhead.sh [N] [MASTER...]   (after `mvn -B install`; needs no network)
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-100}
shift || true
masters=("$@")
[ ${#masters[@]} -gt 0 ] || masters=("local[1]" "local[2]")
work=$PWD/target/bench-spark
rm -rf "$work"
mkdir -p "$work/in"
field=samples/filaments-noisy.tif
if [ -n "${SIZE:-}" ]; then
  field=$work/field.tif
  /usr/bin/python3 -c "
import sys, numpy as np, tifffile
sample = tifffile.imread('samples/filaments-noisy.tif')
size = int(sys.argv[1])
reps = -(-size // min(sample.shape))
tifffile.imwrite(sys.argv[2], np.tile(sample, (reps, reps))[:size, :size])" "$SIZE" "$field"
fi
for i in $(seq -w 1 "$n"); do cp "$field" "$work/in/field-$i.tif"; done

mvn -B -q -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/cli.cp" >/dev/null
# NB: clean, or the shade plugin merges the previous shaded jar (whose plugin classes may be older) into the new one.
mvn -B -q -o -f spark/pom.xml clean package -DskipTests
mvn -B -q -o -f spark/pom.xml dependency:build-classpath -Dmdep.includeScope=provided \
    -Dmdep.outputFile="$work/spark.cp" >/dev/null
native=$(tr ':' '\n' < "$work/cli.cp" | grep pytorch-native-cpu)
opens=$(sed -n 's:.*<spark.add-opens>\(.*\)</spark.add-opens>.*:\1:p' spark/pom.xml)
java_opts=(-Dai.djl.offline=true -Djava.awt.headless=true -Xmx4g)
# The launcher's allocator settings (scripts/imagej-gan), for both runs alike.
export MALLOC_ARENA_MAX=1 MALLOC_MMAP_THRESHOLD_=1073741824 MALLOC_TRIM_THRESHOLD_=4294967296

# Runs a command (whose output goes to files); sets wall (seconds) and cpu (user + system seconds of its processes).
measure() {
  local TIMEFORMAT='%R %U %S' took
  took=$( { time "$@" ; } 2>&1 )
  wall=$(awk '{printf "%.1f", $1}' <<< "$took")
  cpu=$(awk '{printf "%.1f", $2 + $3}' <<< "$took")
}

cli_run() {
  java "${java_opts[@]}" -cp "target/classes:$(cat "$work/cli.cp")" io.github.imagejgan.cli.Main denoise \
      --model models/denoise-general.zip --device cpu --out "$work/cli" "$work/in" > "$work/cli.log" 2>&1
}
echo "OMP_NUM_THREADS=${OMP_NUM_THREADS:-unset}; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
measure cli_run
cli=$wall
cli_cpu=$cpu
echo "command line: $n files in $cli s ($(awk "BEGIN {printf \"%.2f\", $n / $cli}") files/s), CPU $cli_cpu s"

for master in "${masters[@]}"; do
  out="$work/spark-${master//[^a-z0-9]/_}"
  spark_run() {
    # shellcheck disable=SC2086
    java $opens "${java_opts[@]}" -Dspark.master="$master" -Dspark.ui.enabled=false \
        -cp "spark/target/imagej-gan-spark-0.1.0-SNAPSHOT.jar:$(cat "$work/spark.cp"):$native" \
        io.github.imagejgan.spark.SparkMain denoise --model models/denoise-general.zip --device cpu \
        --out "$out" "$work/in" > "$out.log" 2>&1
  }
  measure spark_run
  same=$(diff -rq "$work/cli" "$out" --exclude=.imagej-gan.lock > /dev/null && echo "identical" || echo "DIFFERENT")
  echo "spark $master: $n files in $wall s ($(awk "BEGIN {printf \"%.2f\", $n / $wall}") files/s)," \
       "$(awk "BEGIN {printf \"%+.0f\", ($wall / $cli - 1) * 100}") % wall time against the command line;" \
       "CPU $cpu s, $(awk "BEGIN {printf \"%+.0f\", ($cpu / $cli_cpu - 1) * 100}") %; outputs $same"
done
