package org.branchwork.node.it;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Tests that drive programs from outside the JVM (Node.js, npm packages, Chromium) skip on a
 * developer's machine without them, but fail in CI ({@code CI=true}), where {@code .ci/run}
 * installs them: an interop or browser test must never pass there by not running.
 */
final class ExternalTools {

    private ExternalTools() {}

    static void require(boolean present, String what) {
        if (present) {
            return;
        }
        String message = "This test needs " + what + "; .ci/run installs it.";
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail(message);
        }
        Assumptions.abort(message);
    }
}
