package org.branchwork.node.testing;

import java.net.http.HttpResponse;
import java.util.Map;

import org.branchwork.node.Node;
import org.branchwork.node.TestNodes;

import static org.assertj.core.api.Assertions.assertThat;

/** A node brought to where most tests start: set up through its first-run form, with an admin. */
public final class Fixtures {

    /** Long enough for the password rules; the same everywhere so that failures read alike. */
    public static final String PASSWORD = "correct horse battery";

    private Fixtures() {}

    /** Who fills in the first-run form, and so becomes the branch's first admin. */
    public record Admin(String name, String email, String password) {

        /** Ada, the admin of a test's stockport branch. */
        public static final Admin ADA = new Admin("Ada Admin", "admin@stockport.test", PASSWORD);
    }

    /** Sets the branch up as {@code admin}, with the code the node printed, and checks it took. */
    public static void setUpBranch(Node node, Admin admin) {
        HttpResponse<String> done = TestNodes.postForm(
                node,
                "/setup",
                Map.of(
                        "code",
                        node.setupCode().orElseThrow(),
                        "adminName",
                        admin.name(),
                        "adminEmail",
                        admin.email(),
                        "password",
                        admin.password(),
                        "passwordConfirmation",
                        admin.password()));
        assertThat(done.statusCode()).as("the first-run form: %s", done.body()).isEqualTo(303);
    }
}
