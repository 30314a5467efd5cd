package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import org.branchwork.node.storage.SearchTerms;

/**
 * Member search by word prefix through an index ({@code member_search_term}) instead of a
 * substring scan of every member, plus indexes that match each sort order with its tie-breaker,
 * so that the member list answers from indexes at 100,000 members (docs/PERFORMANCE.md). A Java
 * migration because the existing members' terms are computed by {@link SearchTerms}.
 */
public class V11__member_search_terms extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        try (Statement s = c.createStatement()) {
            s.execute("""
                    CREATE CACHED TABLE member_search_term (
                        term      VARCHAR(320) NOT NULL,
                        member_id BIGINT       NOT NULL,
                        PRIMARY KEY (term, member_id),
                        CONSTRAINT member_search_term_member FOREIGN KEY (member_id) REFERENCES member (id) ON DELETE CASCADE
                    )""");
            s.execute("CREATE INDEX member_search_term_by_member ON member_search_term (member_id)");
        }
        try (PreparedStatement read = c.prepareStatement("SELECT id, display_name, email FROM member");
                PreparedStatement write =
                        c.prepareStatement("INSERT INTO member_search_term (term, member_id) VALUES (?, ?)");
                ResultSet rs = read.executeQuery()) {
            int pending = 0;
            while (rs.next()) {
                for (String term : SearchTerms.of(rs.getString(2), rs.getString(3))) {
                    write.setString(1, term);
                    write.setLong(2, rs.getLong(1));
                    write.addBatch();
                    pending++;
                }
                if (pending >= 1000) {
                    write.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                write.executeBatch();
            }
        }
        try (Statement s = c.createStatement()) {
            s.execute("ALTER TABLE member DROP COLUMN search_text");
            s.execute("DROP INDEX member_created");
            s.execute("DROP INDEX member_name");
            s.execute("DROP INDEX member_postcode");
            s.execute("CREATE INDEX member_created ON member (created_at, id)");
            s.execute("CREATE INDEX member_name ON member (display_name, id)");
            s.execute("CREATE INDEX member_postcode ON member (postcode, id)");
        }
    }
}
