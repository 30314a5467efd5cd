package org.branchwork.node.domain;

/**
 * How a consultation's ballots are marked and counted: one choice (plurality), approval of up to
 * {@code maxChoices} options, or a ranking counted by STV for {@code seats} seats (one seat is an
 * instant runoff).
 */
public sealed interface VotingMethod {

    /** The spelling the API, the forms and the database use. */
    String code();

    /** One option; the most chosen wins. */
    record Single() implements VotingMethod {
        public String code() {
            return "single";
        }
    }

    /** Up to {@code maxChoices} options, in no order; each approval counts one. */
    record Approval(int maxChoices) implements VotingMethod {
        public Approval {
            if (maxChoices < 1) {
                throw new IllegalArgumentException("maxChoices must be at least 1");
            }
        }

        public String code() {
            return "approval";
        }
    }

    /** Options in order of preference, counted by STV ({@link ConsultationCount}) for {@code seats}. */
    record Ranked(int seats) implements VotingMethod {
        public Ranked {
            if (seats < 1) {
                throw new IllegalArgumentException("seats must be at least 1");
            }
        }

        public String code() {
            return "ranked";
        }
    }
}
