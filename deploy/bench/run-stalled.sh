#!/usr/bin/env bash
# Healthy hosts' delivery latency while one host accepts connections and never answers.
# Results: docs/PERFORMANCE.md. Usage: deploy/bench/run-stalled.sh [healthy=20] [stalled-followers=150] [rounds=20]
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_run org.branchwork.bench.StalledHostLoad "$@"
