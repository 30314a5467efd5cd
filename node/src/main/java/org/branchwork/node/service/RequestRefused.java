package org.branchwork.node.service;

import java.util.List;

/**
 * A request a service turns down for a reason the caller can act on. Thrown from any depth and
 * answered once, per area, by the web layer's {@code ErrorHandlers}: a problem document
 * ({@link #status()}, {@link #code()}, {@link #title()}, the message) for the API and inboxes, a page
 * for people. Anything else thrown is the node's own failure, a 500.
 */
public abstract sealed class RequestRefused extends RuntimeException
        permits RequestRefused.NotSignedIn,
                NotAllowed,
                RequestRefused.NotFound,
                RequestRefused.Invalid,
                RequestRefused.NotSetUp {

    private final int status;
    private final String code;
    private final String title;

    RequestRefused(String message, int status, String code, String title) {
        super(message, null, false, false); // an answer, not a failure: no stack trace to fill
        this.status = status;
        this.code = code;
        this.title = title;
    }

    public int status() {
        return status;
    }

    /** A stable machine-readable reason. */
    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    /** Nobody is signed in, and this needs someone. */
    public static final class NotSignedIn extends RequestRefused {
        public NotSignedIn(String message) {
            super(message, 401, "not_signed_in", "Unauthorized");
        }
    }

    /** There is no such thing (or the caller may not know that there is). */
    public static final class NotFound extends RequestRefused {
        public NotFound(String message) {
            super(message, 404, "not_found", "Not found");
        }
    }

    /** What was sent is not acceptable: each field's problem, in words that use the field's label. */
    public static final class Invalid extends RequestRefused {
        private final List<FieldError> errors;

        public Invalid(List<FieldError> errors) {
            super(
                    errors.isEmpty()
                            ? "The request is not valid."
                            : String.join(
                                    " ",
                                    errors.stream().map(FieldError::message).toList()),
                    422,
                    "invalid",
                    "Unprocessable content");
            this.errors = List.copyOf(errors);
        }

        public List<FieldError> errors() {
            return errors;
        }
    }

    /** The node has not been set up yet (first-run set-up names the branch and its first admin). */
    public static final class NotSetUp extends RequestRefused {
        public NotSetUp(String message) {
            super(message, 409, "not_set_up", "Not set up");
        }
    }
}
