#!/usr/bin/env bash
# Inbox throughput with wrk as the load generator (C, its own process) instead of the JDK client
# in the node's JVM: InboxLoad starts the node and signs the requests, wrk posts each once.
# Usage: deploy/bench/run-inbox-wrk.sh [requests=40000] [actors=50] [connections=64] [seconds=10]
# Needs wrk (Debian package wrk). Results: docs/PERFORMANCE.md.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/lib.sh"
requests=${1:-40000}; actors=${2:-50}; connections=${3:-64}; seconds=${4:-10}
command -v wrk > /dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkfifo "$work/in"
(bench_run org.branchwork.bench.InboxLoad "$requests" "$actors" "$connections" "$work/requests.txt" < "$work/in" \
    > "$work/out" 2>&1) &
exec 3> "$work/in"
until grep -q '^READY' "$work/out"; do sleep 1; done
port=$(awk '/^READY/ {print $2}' "$work/out")
wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$here/inbox.lua" "http://localhost:$port/inbox" -- "$work/requests.txt" 2
exec 3>&-
wait
grep -E '^stored' "$work/out"
