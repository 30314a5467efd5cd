package org.branchwork.node.web.view;

/**
 * The branch's public home page.
 *
 * @param title        the document title
 * @param siteName     the branch name, shown in the header
 * @param handle       the fediverse handle, {@code @slug@host}
 * @param setupPending whether the node still has no administrator
 */
public record HomeView(String title, String siteName, String handle, boolean setupPending) {
}
