package org.branchwork.node.web.view;

/** The header navigation: what the viewer may open, and the CSRF token for the sign-out button. */
public record Nav(boolean signedIn, String memberName, boolean organiser, boolean admin, String csrf) {

    public static Nav signedOut() {
        return new Nav(false, "", false, false, "");
    }
}
