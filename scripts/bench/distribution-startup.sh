#!/usr/bin/env bash
# Time to the first feature vector of the distribution metrics (ND4J start, opening a Xception network file, first
# run) and the time per image after it, at Xception's 299 x 299: once as on a machine's first run (empty JavaCPP
# cache, which extracts about 380 MB of native libraries) and once as on every later run.
set -euo pipefail
cd "$(dirname "$0")/../.."
main=io.github.imagejgan.metrics.distribution.dl4j.StartupBenchmark
mvn -B -q test-compile
mvn -B -q exec:exec@bench -Dbench.main=$main -Dbench.args="${1:-299} ${2:-4} cold"
mvn -B -q exec:exec@bench -Dbench.main=$main -Dbench.args="${1:-299} ${2:-4} warm"
