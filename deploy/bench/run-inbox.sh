#!/usr/bin/env bash
# Inbox throughput: signed activities accepted (verified, deduplicated, durably stored) per second
# by a real node, with the load generator in the same JVM on loopback. Results: docs/PERFORMANCE.md.
# Usage: deploy/bench/run-inbox.sh [requests=10000] [actors=100] [concurrency=64]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
. "$root/deploy/lib/jdk.sh"
branchwork_find_jdk || exit 1
(cd "$root" && mvn -B -q -DskipTests package -pl deploy/bench -am)
bench="$root/deploy/bench/target"
exec "$BRANCHWORK_JAVA_HOME/bin/java" -Djava.util.logging.config.file=/dev/null -cp "$bench/classes:$bench/lib/*" \
    org.branchwork.bench.InboxLoad "$@"
