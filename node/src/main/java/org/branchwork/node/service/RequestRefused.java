package org.branchwork.node.service;

import java.util.List;

/**
 * A request a service turns down for a reason the caller can act on. Thrown from any depth and
 * answered once, per area, by the web layer's {@code ErrorHandlers}: a problem document
 * ({@link #status()}, {@link #code()}, the message) for the API and inboxes, a page for people.
 * Anything else thrown is the node's own failure, a 500.
 */
public abstract sealed class RequestRefused extends RuntimeException
        permits RequestRefused.NotSignedIn,
                NotAllowed,
                RequestRefused.NotFound,
                RequestRefused.Invalid,
                RequestRefused.NotSetUp {

    RequestRefused(String message) {
        super(message, null, false, false); // an answer, not a failure: no stack trace to fill
    }

    public abstract int status();

    /** A stable machine-readable reason. */
    public abstract String code();

    /** The problem's title: the status's own words unless a refusal has better ones. */
    public String title() {
        return switch (status()) {
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not found";
            case 409 -> "Conflict";
            case 422 -> "Unprocessable content";
            default -> "Refused";
        };
    }

    /** Nobody is signed in, and this needs someone. */
    public static final class NotSignedIn extends RequestRefused {
        public NotSignedIn(String message) {
            super(message);
        }

        @Override
        public int status() {
            return 401;
        }

        @Override
        public String code() {
            return "not_signed_in";
        }
    }

    /** There is no such thing (or the caller may not know that there is). */
    public static final class NotFound extends RequestRefused {
        public NotFound(String message) {
            super(message);
        }

        @Override
        public int status() {
            return 404;
        }

        @Override
        public String code() {
            return "not_found";
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
                                    errors.stream().map(FieldError::message).toList()));
            this.errors = List.copyOf(errors);
        }

        public List<FieldError> errors() {
            return errors;
        }

        @Override
        public int status() {
            return 422;
        }

        @Override
        public String code() {
            return "invalid";
        }
    }

    /** The node has not been set up yet (first-run set-up names the branch and its first admin). */
    public static final class NotSetUp extends RequestRefused {
        public NotSetUp(String message) {
            super(message);
        }

        @Override
        public int status() {
            return 409;
        }

        @Override
        public String code() {
            return "not_set_up";
        }

        @Override
        public String title() {
            return "Not set up";
        }
    }
}
