#!/usr/bin/env bash
# Inbox throughput with wrk as the load generator (C, its own process) instead of the JDK client
# in the node's JVM: InboxLoad starts the node and signs the requests; wrk posts half of them in
# an untimed warm-up run (BENCH_WARMUP seconds, default 60), then the rest in the timed run, each
# request once. The warm-up is for the JIT, whose queue the signing leaves long: after 8 s of
# warm-up the compiler threads still took a third of the node's CPU in the timed run, after 20 s
# 14 %, after 60 s 4 %. A node that has been up for a while does not pay that.
# Usage: deploy/bench/run-inbox-wrk.sh [requests=240000] [actors=50] [connections=64] [seconds=10] [rate]
# With a rate (requests per second, all connections together) each connection paces its requests
# to hold that rate (wrk's delay hook), for latency at a given load rather than at saturation.
# Needs wrk (Debian package wrk). Results: docs/PERFORMANCE.md.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/lib.sh"
requests=${1:-240000}; actors=${2:-50}; connections=${3:-64}; seconds=${4:-10}; rate=${5:-0}
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
# Per-thread CPU ticks of the node, thread names with their numbers folded ("inbox-handler-N").
thread_cpu() {
    for f in /proc/"$node_pid"/task/*/stat; do cat "$f" 2> /dev/null; echo; done | awk 'NF {
        name = substr($0, index($0, "(") + 1); name = substr(name, 1, index(name, ") ") - 1)
        rest = substr($0, index($0, ") ") + 2); split(rest, f, " "); gsub(/[0-9]+/, "N", name)
        ticks[name] += f[12] + f[13] } END { for (n in ticks) print ticks[n] "\t" n }'
}
echo "warm-up (not timed):"
wrk -t2 -c"$connections" -d"${BENCH_WARMUP:-60}s" -s "$here/inbox.lua" "http://localhost:$port/inbox" -- "$work/requests.txt.warmup" 2 0 \
    | grep -E 'Requests/sec'
echo mark >&3  # InboxLoad first waits for the warm-up's handling to finish
until grep -q '^MARK' "$work/out"; do sleep 0.2; done
ticks=$(getconf CLK_TCK)
# Each connection waits connections/rate seconds before each request: about that rate in all
# while responses are fast (wrk reports the rate it reached).
pause=$(awk -v c="$connections" -v r="$rate" 'BEGIN { print (r > 0 ? int(1000 * c / r) : 0) }')
cpu_before=$(node_cpu)
thread_cpu > "$work/threads.before"
if [[ -n ${BENCH_JFR:-} ]]; then  # BENCH_JFR=file.jfr: a JFR profile of the node during the timed run
    . "$here/../lib/jdk.sh"
    branchwork_find_jdk
    "$BRANCHWORK_JAVA_HOME/bin/jcmd" "$node_pid" JFR.start name=bench settings=profile filename="$BENCH_JFR" > /dev/null
fi
wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$here/inbox.lua" "http://localhost:$port/inbox" \
    -- "$work/requests.txt" 2 "$pause" | tee "$work/wrk"
sleep 1  # the last requests' handling
cpu_after=$(node_cpu)
thread_cpu > "$work/threads.after"
if [[ -n ${BENCH_JFR:-} ]]; then
    "$BRANCHWORK_JAVA_HOME/bin/jcmd" "$node_pid" JFR.stop name=bench > /dev/null
fi
exec 3>&-
wait
grep -E '^(stored|handl)' "$work/out"
total=$(awk '/requests in/ {print $1}' "$work/wrk")
echo "node threads' share of the node's CPU over the same span (top 8):"
awk -F'\t' 'NR == FNR { before[$2] = $1; next } { d = $1 - before[$2]; if (d > 0) { used[$2] = d; all += d } }
    END { for (n in used) printf "  %5.1f%%  %s\n", 100 * used[n] / all, n }' "$work/threads.before" "$work/threads.after" \
    | sort -rn | head -8
awk -v c=$((cpu_after - cpu_before)) -v t="$ticks" -v n="$total" \
    'BEGIN { printf "node CPU from wrk start to 1 s after: %.1f s for %d requests: %.0f us per request\n", c / t, n, c / t / n * 1e6 }'
