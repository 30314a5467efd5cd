#!/usr/bin/env bash
# JMH benchmarks of the protocol library next to the raw JDK / Bouncy Castle / Jackson primitive
# they wrap, so our layer's overhead shows as a ratio. Results: docs/PERFORMANCE.md.
# Usage: deploy/bench/run-protocol.sh [JMH options, e.g. -f 1 -wi 2 -i 3 SignatureBenchmarks]
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
args=("$@")
[ ${#args[@]} -gt 0 ] || args=(-f 1 -wi 3 -i 5 -w 1s -r 2s -tu us -bm avgt)
bench_run org.openjdk.jmh.Main "${args[@]}"
