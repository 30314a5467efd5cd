package org.branchwork.node.web.view;

/**
 * A received broadcast as its branch's organisers decide on it: the sender's text (sanitised), the
 * segment hint, and either the approve (with an intro) and decline forms or how its mailing went.
 */
public record ReceivedBroadcastView(
        String title,
        String csrf,
        long id,
        String subject,
        String sender,
        String segment,
        String state,
        String safeHtml,
        boolean undecided,
        boolean mailed,
        int recipients,
        int queued,
        int sent,
        int failed,
        int unsubscribed,
        LiveFigures figures,
        String intro,
        String notice,
        String error) {}
