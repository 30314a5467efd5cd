package org.branchwork.node.web.view;

/**
 * After voting: the receipt code, shown this once ({@code receipt}); or the answer to checking one
 * ({@code checked}: whether a ballot with it is counted).
 */
public record ReceiptView(
        String title,
        String uuid,
        String consultation,
        String receipt,
        boolean replaced,
        boolean checked,
        boolean counted) {}
