#!/usr/bin/env bash
# Local network demo: a national node and two branches (Stockport, Manchester) on loopback ports,
# each with its own data folder. The branches follow national and each other, national posts a
# first announcement, and the script prints the URLs. Ctrl-C stops all three cleanly.
#
# Usage: deploy/demo.sh            (data in ${BRANCHWORK_DEMO_DIR:-/tmp/branchwork-demo}; ports 8081-8083)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
demo=${BRANCHWORK_DEMO_DIR:-/tmp/branchwork-demo}
token=${BRANCHWORK_DEMO_TOKEN:-demo-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')}
nodes=("8081 national Momentum National" "8082 stockport Momentum Stockport" "8083 manchester Momentum Manchester")
pids=()

stop_all() {
    echo
    echo "demo: stopping the nodes..."
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    echo "demo: stopped. Data stays in $demo"
}
trap 'stop_all; exit 0' INT TERM

command -v curl >/dev/null 2>&1 || { echo "demo: curl is needed" >&2; exit 1; }
mkdir -p "$demo"
"$root/deploy/branchwork" --build-only

for spec in "${nodes[@]}"; do
    read -r port slug name <<<"$spec"
    BRANCHWORK_PORT=$port BRANCHWORK_HOST=127.0.0.1 BRANCHWORK_PUBLIC_URL="http://localhost:$port" \
        BRANCHWORK_DATA_DIR="$demo/$slug" BRANCHWORK_BRANCH_SLUG="$slug" BRANCHWORK_BRANCH_NAME="$name" \
        BRANCHWORK_ADMIN_TOKEN="$token" BRANCHWORK_ALLOW_PRIVATE_ADDRESSES=true \
        "$root/deploy/branchwork" >"$demo/$slug.log" 2>&1 &
    pids+=($!)
done

for spec in "${nodes[@]}"; do
    read -r port slug _ <<<"$spec"
    for _ in $(seq 1 240); do
        curl -sf "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
        sleep 0.5
    done
    curl -sf "http://127.0.0.1:$port/health" >/dev/null || { echo "demo: $slug did not start; see $demo/$slug.log" >&2; stop_all; exit 1; }
done

api() {  # api PORT METHOD PATH [JSON]
    curl -sS -X "$2" -H "Authorization: Bearer $token" -H "Content-Type: application/json" \
        ${4:+--data "$4"} "http://127.0.0.1:$1$3"
    echo
}
echo "demo: stockport and manchester follow national, and each other"
api 8082 POST /api/v1/follows '{"target": "@national@localhost:8081"}'
api 8083 POST /api/v1/follows '{"target": "@national@localhost:8081"}'
api 8082 POST /api/v1/follows '{"target": "@manchester@localhost:8083"}'
api 8083 POST /api/v1/follows '{"target": "@stockport@localhost:8082"}'
sleep 2
echo "demo: national posts a first announcement"
api 8081 POST /api/v1/announcements '{"content": "Welcome to the network: autonomy of action, unity of purpose."}'

cat <<TXT

demo: running. Ctrl-C stops all three.
  national    http://localhost:8081/   @national@localhost:8081
  stockport   http://localhost:8082/   @stockport@localhost:8082
  manchester  http://localhost:8083/   @manchester@localhost:8083
  admin token (API): $token
  follows:    curl -H "Authorization: Bearer $token" http://localhost:8082/api/v1/follows
  logs:       $demo/*.log
TXT
wait
