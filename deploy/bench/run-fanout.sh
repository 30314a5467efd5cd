#!/usr/bin/env bash
# Fan-out: one announcement to HOSTS x PER_HOST followers on loopback peer servers (shared inboxes),
# timed until every server has it. Results: docs/PERFORMANCE.md.
# Usage: deploy/bench/run-fanout.sh [hosts=100] [per-host=100]
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_run org.branchwork.bench.FanOutLoad "$@"
