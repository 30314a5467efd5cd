#!/usr/bin/env bash
# Local network demo: a national node and two branches (Stockport, Manchester) on loopback ports,
# each with its own data folder. The branches follow national and each other; on the first run
# national publishes an announcement and a campaign, both branches adopt the campaign, and the
# script waits until the branches' home pages show them ("From the network", "Campaigns we are
# part of"). It then prints each node's address with its one-time set-up link, so that a person
# can open every node and create its administrator without reading logs. Ctrl-C stops all three.
#
# Usage: deploy/demo.sh            (data in ${BRANCHWORK_DEMO_DIR:-/tmp/branchwork-demo}; ports 8081-8083)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
demo=${BRANCHWORK_DEMO_DIR:-/tmp/branchwork-demo}
token=${BRANCHWORK_DEMO_TOKEN:-demo-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')}
nodes=("8081 national Momentum National" "8082 stockport Momentum Stockport" "8083 manchester Momentum Manchester")
branch_ports=(8082 8083)
announcement="Welcome to the network: autonomy of action, unity of purpose."
campaign_title="Warm Homes Winter"
pids=()

stop_all() {
    echo
    echo "demo: stopping the nodes..."
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    echo "demo: stopped. Data stays in $demo"
}
fail() {
    echo "demo: $*" >&2
    stop_all
    exit 1
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

# wait_for SECONDS WHAT COMMAND...: runs COMMAND every half second until it succeeds.
wait_for() {
    local seconds=$1 what=$2 i
    shift 2
    for i in $(seq 1 $((seconds * 2))); do
        "$@" >/dev/null 2>&1 && return 0
        sleep 0.5
    done
    fail "gave up waiting for $what after ${seconds} s; see $demo/*.log"
}
healthy() { curl -sf "http://127.0.0.1:$1/health"; }
for spec in "${nodes[@]}"; do
    read -r port slug _ <<<"$spec"
    wait_for 120 "$slug to start" healthy "$port"
done

# api PORT METHOD PATH [JSON]: the response body goes to $response; a status of 400 or more, or
# no answer, returns 1 and says so.
response="$demo/.response"
api() {
    local status
    status=$(curl -sS -X "$2" -H "Authorization: Bearer $token" -H "Content-Type: application/json" \
        ${4:+--data "$4"} -o "$response" -w '%{http_code}' "http://127.0.0.1:$1$3") || status=000
    [ "$status" -ge 200 ] && [ "$status" -lt 400 ] && return 0
    echo "demo: $2 $3 on port $1 answered $status: $(cat "$response" 2>/dev/null)" >&2
    return 1
}

echo "demo: stockport and manchester follow national, and each other"
api 8082 POST /api/v1/follows '{"target": "@national@localhost:8081"}' || fail "stockport cannot follow national"
api 8083 POST /api/v1/follows '{"target": "@national@localhost:8081"}' || fail "manchester cannot follow national"
api 8082 POST /api/v1/follows '{"target": "@manchester@localhost:8083"}' || fail "stockport cannot follow manchester"
api 8083 POST /api/v1/follows '{"target": "@stockport@localhost:8082"}' || fail "manchester cannot follow stockport"
# The followed node accepts a follow over signed ActivityPub, a moment later.
follows_accepted() { api "$1" GET /api/v1/follows && [ "$(grep -o '"state":"accepted"' "$response" | wc -l)" -ge 2 ]; }
for port in "${branch_ports[@]}"; do wait_for 60 "the follows of port $port to be accepted" follows_accepted "$port"; done

seeded="$demo/campaign-id"   # written once national has published: later runs publish nothing new
if [ ! -s "$seeded" ]; then
    echo "demo: national publishes an announcement and a campaign"
    api 8081 POST /api/v1/announcements "{\"content\": \"$announcement\"}" || fail "national cannot publish"
    start=$(date -u +%F)
    end=$(date -u -d '+60 days' +%F 2>/dev/null || date -u -v+60d +%F)
    api 8081 POST /api/v1/campaigns "{\"title\": \"$campaign_title\",
        \"summary\": \"Every branch checks on older neighbours before the cold sets in.\",
        \"content\": \"Door-knock in your area, share the heating-help leaflet, and report how many homes you reached.\",
        \"startDate\": \"$start\", \"endDate\": \"$end\", \"hashtag\": \"WarmHomes\",
        \"callToAction\": \"Run one door-knocking session this month.\",
        \"goals\": [{\"name\": \"Homes reached\", \"target\": \"500\", \"metric\": \"reported\"}]}" \
        || fail "national cannot publish the campaign"
    # The campaign's id is the first "id" of the answer (the API writes compact JSON).
    campaign=$(sed -n 's/^[^"]*"id":"\([^"]*\)".*/\1/p' "$response")
    [ -n "$campaign" ] || fail "national's answer has no campaign id: $(cat "$response")"
    received() { api "$1" GET /api/v1/campaigns && grep -qF "\"id\":\"$campaign\"" "$response"; }
    for port in "${branch_ports[@]}"; do
        wait_for 60 "port $port to receive the campaign" received "$port"
        api "$port" POST /api/v1/campaigns/adopt "{\"campaign\": \"$campaign\"}" || fail "port $port cannot adopt"
    done
    printf '%s\n' "$campaign" >"$seeded"
    echo "demo: stockport and manchester adopted the campaign"
fi
home_shows_network() {
    local page
    page=$(curl -sf "http://127.0.0.1:$1/") || return 1
    grep -qF "From the network" <<<"$page" && grep -qF "${announcement%%:*}" <<<"$page" \
        && grep -qF "$campaign_title" <<<"$page"
}
for port in "${branch_ports[@]}"; do
    wait_for 60 "the home page on port $port to show national's news and campaign" home_shows_network "$port"
done

# The link with the one-time code that a node not yet set up prints at start (Node.start).
setup_link() {
    local log=$1 port=$2 i
    for i in $(seq 1 20); do
        grep -q "Branchwork node.*listening" "$log" && break
        sleep 0.5
    done
    grep -o "http://localhost:$port/setup?code=[0-9a-f]*" "$log" | tail -n 1 || true  # none once set up
}

echo
echo "demo: running. Ctrl-C stops all three. National's announcement and campaign are on the branches' home pages."
for spec in "${nodes[@]}"; do
    read -r port slug _ <<<"$spec"
    link=$(setup_link "$demo/$slug.log" "$port")
    if [ -n "$link" ]; then
        printf '  %-11s open %s   (creates its administrator; then http://localhost:%s/)\n' "$slug:" "$link" "$port"
    else
        printf '  %-11s open http://localhost:%s/   (already set up: sign in)\n' "$slug:" "$port"
    fi
done
cat <<TXT
  handles:    @national@localhost:8081  @stockport@localhost:8082  @manchester@localhost:8083
  admin token (API): $token
  follows:    curl -H "Authorization: Bearer $token" http://localhost:8082/api/v1/follows
  logs:       $demo/*.log
TXT
wait
