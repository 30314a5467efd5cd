package org.branchwork.node.storage;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The queues' "next due, oldest first, up to a batch" reads walk an index instead of sorting
 * every waiting row. HSQLDB uses an index for ORDER BY … LIMIT only when the ORDER BY names that
 * index's columns from its first; otherwise each claim sorts the whole backlog, which is invisible
 * at test sizes and made the 100,000-recipient mailing and the 10,000-follower fan-out crawl.
 * Read from the plan, not timed.
 */
class QueueClaimPlanTest {

    @ParameterizedTest
    @ValueSource(strings = {"mail", "delivery", "inbox-retry"})
    void theClaimWalksAnIndexInOrder(String queue) throws Exception {
        String sql = switch (queue) {
            case "mail" -> MailQueueStore.DUE;
            case "delivery" -> DeliveryStore.DUE;
            case "inbox-retry" -> InboxStore.DUE_RETRIES;
            default -> throw new IllegalArgumentException(queue);
        };
        Database db = Database.open("jdbc:hsqldb:mem:" + UUID.randomUUID(), Path.of("mem"));
        try (Connection c = db.dataSource().getConnection();
                ResultSet plan = c.prepareStatement("EXPLAIN PLAN FOR " + sql).executeQuery()) {
            StringBuilder text = new StringBuilder();
            while (plan.next()) {
                text.append(plan.getString(1)).append('\n');
            }
            String orderBy = text.substring(text.indexOf("order by="));
            assertThat(orderBy).as(text.toString()).contains("uses index");
        } finally {
            db.close();
        }
    }
}
