package org.branchwork.node.service;

/**
 * What the first-run set-up form submits. The branch fields are ignored when the operator's
 * configuration already names the branch.
 */
public record SetupRequest(
        String code,
        String branchName,
        String branchSlug,
        String adminName,
        String adminEmail,
        String password,
        String passwordConfirmation) {}
