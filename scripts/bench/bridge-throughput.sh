#!/usr/bin/env bash
# Bridge throughput (image <-> NDArray) on a 4096x4096 16-bit image, beside System.arraycopy in the same run.
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q test-compile exec:exec@bench -Dbench.main=io.github.imagejgan.image.BridgeBenchmark
