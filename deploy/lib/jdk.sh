# shellcheck shell=bash
# Finds a JDK 21 or newer for Branchwork. Sourced by deploy/branchwork, .ci/run and the systemd
# unit (deploy/branchwork.service, installed as /opt/branchwork/jdk.sh).
# Order: $JAVA_HOME if it is 21+, then the newest 21+ under the usual JDK folders, then `java` on PATH.
# `branchwork_find_jdk --runtime` also accepts a JRE (no javac): enough to run the jar, not to build it.
# Sets BRANCHWORK_JAVA_HOME, or prints what to install and returns 1.

branchwork_java_major() {
    # Prints the feature version of the java binary $1 (17, 21, 25...), or nothing.
    "$1" -XshowSettings:properties -version 2>&1 \
        | awk -F'= ' '/java.specification.version/ { v = $2; sub(/^1\./, "", v); print v; exit }'
}

branchwork_has_tools() {
    # Whether the Java home $1 has java, and javac too unless $2 is "java" (running only).
    [ -x "$1/bin/java" ] && { [ "$2" = java ] || [ -x "$1/bin/javac" ]; }
}

branchwork_find_jdk() {
    local candidate best="" best_major=0 major tool=javac
    [ "${1:-}" = "--runtime" ] && tool=java
    if [ -n "${JAVA_HOME:-}" ] && branchwork_has_tools "$JAVA_HOME" "$tool"; then
        major=$(branchwork_java_major "$JAVA_HOME/bin/java")
        if [ -n "$major" ] && [ "$major" -ge 21 ]; then
            BRANCHWORK_JAVA_HOME="$JAVA_HOME"
            return 0
        fi
    fi
    for candidate in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* \
                     /Library/Java/JavaVirtualMachines/*/Contents/Home; do
        branchwork_has_tools "$candidate" "$tool" || continue
        major=$(branchwork_java_major "$candidate/bin/java")
        if [ -n "$major" ] && [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
            best="$candidate"
            best_major="$major"
        fi
    done
    if [ -z "$best" ] && command -v "$tool" >/dev/null 2>&1; then
        candidate=$(dirname "$(dirname "$(readlink -f "$(command -v "$tool")")")")
        major=$(branchwork_java_major "$candidate/bin/java")
        if [ -n "$major" ] && [ "$major" -ge 21 ]; then
            best="$candidate"
        fi
    fi
    if [ -z "$best" ]; then
        echo "branchwork: no JDK 21 or newer found (looked at JAVA_HOME, /usr/lib/jvm and PATH)." >&2
        echo "branchwork: install one (for example Eclipse Temurin 21 or 25, or Debian's openjdk-21-jdk)" >&2
        echo "branchwork: and set JAVA_HOME to it." >&2
        return 1
    fi
    BRANCHWORK_JAVA_HOME="$best"
    return 0
}
