#!/usr/bin/env bash
# Consultations at scale (issue 19): ballots cast on one branch, its close and signed tally, and an
# owner's total over many branches' signed tallies. Results: docs/PERFORMANCE.md.
# Usage: deploy/bench/run-consultation.sh [ballots=100000] [branches=300] [threads=4]
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_run org.branchwork.bench.ConsultationLoad "$@"
