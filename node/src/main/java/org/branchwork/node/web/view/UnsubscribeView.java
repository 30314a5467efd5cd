package org.branchwork.node.web.view;

/**
 * The page an unsubscribe link opens: what it unsubscribes from and a button that does it (no
 * session needed), or what happened.
 *
 * @param confirm whether to show the button (the link is good and not yet used)
 */
public record UnsubscribeView(String title, String action, String purpose, boolean confirm, String message) {}
