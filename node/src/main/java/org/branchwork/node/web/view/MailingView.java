package org.branchwork.node.web.view;

/**
 * One mailing: while a draft, whom it reaches now, a preview as recipients see it and the ways to
 * send it; once sent, its progress (queued, sent, failed, unsubscribed) with a bar.
 *
 * @param previewBody the HTML part's body, sanitised when it was made
 * @param figures     whether the progress still moves, and whether the page updates itself
 */
public record MailingView(
        String title,
        String csrf,
        long id,
        String subject,
        String purpose,
        String state,
        String audience,
        boolean editable,
        boolean scheduled,
        String scheduledFor,
        int recipients,
        String previewBody,
        String previewText,
        boolean going,
        int percent,
        int queued,
        int sent,
        int failed,
        int unsubscribed,
        LiveFigures figures,
        String notice,
        String error,
        String sendAtValue) {}
