package org.branchwork.node.federation.inbound;

import org.branchwork.node.http.Problem;

/**
 * One check of the inbox pipeline, from what the earlier stages established ({@code I}) to what
 * this one adds ({@code O}): a {@link Received} request is {@link Parsed}, then {@link Verified}.
 * A check that only looks passes its input on.
 */
@FunctionalInterface
interface InboxStage<I, O> {

    Step<O> apply(I input);

    /** A stage's verdict: go on with what it established, or stop with the refusal to answer. */
    sealed interface Step<T> {

        record Pass<T>(T value) implements Step<T> {}

        record Stop<T>(Problem problem) implements Step<T> {}

        static <T> Step<T> pass(T value) {
            return new Pass<>(value);
        }

        static <T> Step<T> stop(Problem problem) {
            return new Stop<>(problem);
        }

        default <O> Step<O> then(InboxStage<? super T, O> next) {
            return switch (this) {
                case Pass<T> p -> next.apply(p.value());
                case Stop<T> s -> new Stop<>(s.problem());
            };
        }
    }
}
