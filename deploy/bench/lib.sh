# Sourced by the run-*.sh scripts: finds a JDK 21+, builds the benchmark module with what it
# needs, and runs one main class of it with the remaining arguments.
# Usage (in a script): . "$(dirname "${BASH_SOURCE[0]}")/lib.sh"; bench_run CLASS [args...]
bench_run() {
    local root
    root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
    . "$root/deploy/lib/jdk.sh"
    branchwork_find_jdk || exit 1
    (cd "$root" && mvn -B -q -DskipTests package -pl deploy/bench -am)
    local bench="$root/deploy/bench/target"
    local main=$1
    shift
    exec "$BRANCHWORK_JAVA_HOME/bin/java" -Djava.util.logging.config.file=/dev/null -cp "$bench/classes:$bench/lib/*" \
        "$main" "$@"
}
