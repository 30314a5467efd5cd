package org.branchwork.node.domain;

import java.net.URI;
import java.time.Instant;
import java.util.Locale;

/**
 * A broadcast this branch received from a node it follows, as its organisers' queue shows it: the
 * sender's text (sanitised HTML, and the Markdown it was written in when the sender gave it), the
 * optional segment hint, and the organisers' decision with the intro they put before the text.
 *
 * @param id       this branch's own number for it (a relayed mailing names it)
 * @param reported what the branch last told the sender, or null before its first report
 */
public record ReceivedBroadcast(
        long id,
        URI broadcast,
        URI sender,
        String senderName,
        URI senderInbox,
        String subject,
        String safeHtml,
        String markdown,
        URI segment,
        Decision decision,
        String intro,
        Instant receivedAt,
        Instant decidedAt,
        Reported reported) {

    /** The organisers' decision. */
    public enum Decision {
        RECEIVED,
        APPROVED,
        DECLINED;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Decision fromCode(String code) {
            return valueOf(code.toUpperCase(Locale.ROOT));
        }
    }

    /** The last report sent to the broadcast's owner. */
    public record Reported(RelayState state, RelayCounts counts, Instant at) {}
}
