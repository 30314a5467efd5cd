#!/usr/bin/env bash
# Fan-out: one announcement to HOSTS x PER_HOST followers on loopback peer servers (shared inboxes),
# timed until every server has it. Results: docs/PERFORMANCE.md.
# Usage: deploy/bench/run-fanout.sh [hosts=100] [per-host=100]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
. "$root/deploy/lib/jdk.sh"
branchwork_find_jdk || exit 1
(cd "$root" && mvn -B -q -DskipTests package -pl deploy/bench -am)
bench="$root/deploy/bench/target"
exec "$BRANCHWORK_JAVA_HOME/bin/java" -Djava.util.logging.config.file=/dev/null -cp "$bench/classes:$bench/lib/*" \
    org.branchwork.bench.FanOutLoad "$@"
