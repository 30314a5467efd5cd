#!/usr/bin/env bash
# Inbox throughput with wrk as the load generator (C, its own process) instead of the JDK client
# in the node's JVM: InboxLoad starts the node and signs the requests; wrk posts half of them in
# an untimed warm-up run of 20 s, then the rest in the timed run, each request once. The warm-up
# is for the JIT: after 8 s its C2 compiler still took a third of the node's CPU during the timed
# run, which a node that has been up for a while does not pay.
# Usage: deploy/bench/run-inbox-wrk.sh [requests=120000] [actors=50] [connections=64] [seconds=10] [rate]
# With a rate (requests per second, all connections together) each connection paces its requests
# to hold that rate (wrk's delay hook), for latency at a given load rather than at saturation.
# Needs wrk (Debian package wrk). Results: docs/PERFORMANCE.md.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/lib.sh"
requests=${1:-120000}; actors=${2:-50}; connections=${3:-64}; seconds=${4:-10}; rate=${5:-0}
command -v wrk > /dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkfifo "$work/in"
(bench_run org.branchwork.bench.InboxLoad "$requests" "$actors" "$connections" "$work/requests.txt" < "$work/in" \
    > "$work/out" 2>&1) &
exec 3> "$work/in"
until grep -q '^READY' "$work/out"; do
    if ! kill -0 $! 2> /dev/null; then cat "$work/out" >&2; exit 1; fi
    sleep 1
done
port=$(awk '/^READY/ {print $2}' "$work/out")
node_pid=$(pgrep -f "InboxLoad $requests $actors $connections $work" | head -1)
node_cpu() { awk '{print $14 + $15}' "/proc/$node_pid/stat"; }
echo "warm-up (not timed):"
wrk -t2 -c"$connections" -d20s -s "$here/inbox.lua" "http://localhost:$port/inbox" -- "$work/requests.txt.warmup" 2 0 \
    | grep -E 'Requests/sec'
sleep 2  # let the warm-up's handling finish
echo mark >&3
until grep -q '^MARK' "$work/out"; do sleep 0.2; done
ticks=$(getconf CLK_TCK)
# Each connection waits connections/rate seconds before each request: about that rate in all
# while responses are fast (wrk reports the rate it reached).
pause=$(awk -v c="$connections" -v r="$rate" 'BEGIN { print (r > 0 ? int(1000 * c / r) : 0) }')
cpu_before=$(node_cpu)
if [[ -n ${BENCH_JFR:-} ]]; then  # BENCH_JFR=file.jfr: a JFR profile of the node during the timed run
    . "$here/../lib/jdk.sh"
    branchwork_find_jdk
    "$BRANCHWORK_JAVA_HOME/bin/jcmd" "$node_pid" JFR.start name=bench settings=profile filename="$BENCH_JFR" > /dev/null
fi
wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$here/inbox.lua" "http://localhost:$port/inbox" \
    -- "$work/requests.txt" 2 "$pause" | tee "$work/wrk"
sleep 1  # the last requests' handling
cpu_after=$(node_cpu)
if [[ -n ${BENCH_JFR:-} ]]; then
    "$BRANCHWORK_JAVA_HOME/bin/jcmd" "$node_pid" JFR.stop name=bench > /dev/null
fi
exec 3>&-
wait
grep -E '^(stored|handled)' "$work/out"
total=$(awk '/requests in/ {print $1}' "$work/wrk")
awk -v c=$((cpu_after - cpu_before)) -v t="$ticks" -v n="$total" \
    'BEGIN { printf "node CPU from wrk start to 1 s after: %.1f s for %d requests: %.0f us per request\n", c / t, n, c / t / n * 1e6 }'
