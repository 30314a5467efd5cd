#!/usr/bin/env bash
# Organiser tools at 100,000 members: CSV import, the member list page (search, filters, a deep page)
# and the full CSV export, over HTTP on loopback against a real node. Results: docs/PERFORMANCE.md.
# Usage: deploy/bench/run-members.sh [members=100000] [requests-per-query=100]
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_run org.branchwork.bench.MembersLoad "$@"
