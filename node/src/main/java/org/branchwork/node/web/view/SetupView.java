package org.branchwork.node.web.view;

import java.util.List;

/**
 * The first-run set-up form, with what was typed (never the passwords) and a message per field
 * that failed. A null message means the field is fine.
 */
public record SetupView(
        String title,
        String siteName,
        boolean askBranch,
        String code,
        String branchName,
        String branchSlug,
        String adminName,
        String adminEmail,
        List<String> errors,
        String codeError,
        String branchNameError,
        String branchSlugError,
        String adminNameError,
        String adminEmailError,
        String passwordError,
        String passwordConfirmationError) {

    public boolean hasErrors() {
        return !errors.isEmpty();
    }
}
