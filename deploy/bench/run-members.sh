#!/usr/bin/env bash
# Organiser tools at 100,000 members: CSV import, the member list page (search, filters, a deep page)
# and the full CSV export, over HTTP on loopback against a real node. Results: docs/PERFORMANCE.md.
# Usage: deploy/bench/run-members.sh [members=100000] [requests-per-query=100]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
. "$root/deploy/lib/jdk.sh"
branchwork_find_jdk || exit 1
(cd "$root" && mvn -B -q -DskipTests package -pl deploy/bench -am)
bench="$root/deploy/bench/target"
exec "$BRANCHWORK_JAVA_HOME/bin/java" -Djava.util.logging.config.file=/dev/null -cp "$bench/classes:$bench/lib/*" \
    org.branchwork.bench.MembersLoad "$@"
