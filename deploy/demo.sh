#!/usr/bin/env bash
# Local multi-node demo: three branch nodes on loopback ports, each with its own data folder.
# Usage: deploy/demo.sh [start|stop]   (data in ${BRANCHWORK_DEMO_DIR:-/tmp/branchwork-demo})
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
demo=${BRANCHWORK_DEMO_DIR:-/tmp/branchwork-demo}
nodes=("8081 stockport Momentum Stockport" "8082 manchester Momentum Manchester" "8083 national Momentum National")

start() {
    mkdir -p "$demo"
    "$root/deploy/branchwork" --build-only
    for spec in "${nodes[@]}"; do
        read -r port slug name <<<"$spec"
        BRANCHWORK_PORT=$port BRANCHWORK_HOST=127.0.0.1 BRANCHWORK_PUBLIC_URL="http://localhost:$port" \
            BRANCHWORK_DATA_DIR="$demo/$slug" BRANCHWORK_BRANCH_SLUG="$slug" BRANCHWORK_BRANCH_NAME="$name" \
            BRANCHWORK_ALLOW_PRIVATE_ADDRESSES=true \
            nohup "$root/deploy/branchwork" >"$demo/$slug.log" 2>&1 &
        echo $! >"$demo/$slug.pid"
    done
    for spec in "${nodes[@]}"; do
        read -r port slug _ <<<"$spec"
        for _ in $(seq 1 120); do
            curl -sf "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
            sleep 0.5
        done
        echo "$slug: http://localhost:$port/  (log: $demo/$slug.log)"
    done
}

stop() {
    for spec in "${nodes[@]}"; do
        read -r _ slug _ <<<"$spec"
        [ -f "$demo/$slug.pid" ] && kill "$(cat "$demo/$slug.pid")" 2>/dev/null || true
        rm -f "$demo/$slug.pid"
    done
}

case "${1:-start}" in
    start) start ;;
    stop) stop ;;
    *) echo "usage: $0 [start|stop]" >&2; exit 2 ;;
esac
