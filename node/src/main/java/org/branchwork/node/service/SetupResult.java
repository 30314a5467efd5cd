package org.branchwork.node.service;

import java.util.List;

import org.branchwork.node.domain.Branch;

/** The outcome of submitting the first-run set-up form. */
public sealed interface SetupResult {

    /** The branch exists and has its first administrator. */
    /** The branch and its first admin, who is signed in straight away (they just proved the log's code). */
    record Completed(Branch branch, org.branchwork.node.domain.Member admin) implements SetupResult {}

    /** Nothing was stored; each error names its field. */
    record Invalid(List<FieldError> errors) implements SetupResult {}

    /** Set-up was already done; nothing was changed. */
    record AlreadyDone() implements SetupResult {}
}
