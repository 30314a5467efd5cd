#!/usr/bin/env bash
# Inbox throughput: signed activities accepted (verified, deduplicated, durably stored) per second
# by a real node, with the load generator in the same JVM on loopback. Results: docs/PERFORMANCE.md.
# Usage: deploy/bench/run-inbox.sh [requests=10000] [actors=100] [concurrency=64]
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_run org.branchwork.bench.InboxLoad "$@"
