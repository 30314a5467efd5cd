#!/usr/bin/env bash
# Storage maintenance at a size: online backup and erasure compaction (CHECKPOINT DEFRAG) of the
# embedded database holding MEMBERS members. Results: docs/PERFORMANCE.md and docs/OPERATING.md.
# Usage: deploy/bench/run-storage.sh [members=100000]
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_run org.branchwork.bench.StorageMaintenanceLoad "$@"
