package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import org.branchwork.protocol.jsonld.ActivityCodec;
import org.branchwork.protocol.jsonld.Decoded;

/**
 * Whether a stored object was addressed to the public. Pages anyone may open (the branch's home
 * page, an adopted campaign's page) show only such objects: a followers-only post or a direct
 * message from an account the branch follows must not appear there. The objects already held are
 * read once to set it; one that cannot be read counts as not public.
 */
public class V22__remote_object_audience extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        try (Statement s = c.createStatement()) {
            s.execute("ALTER TABLE remote_object ADD COLUMN public_audience BOOLEAN DEFAULT FALSE NOT NULL");
        }
        ActivityCodec codec = new ActivityCodec();
        try (PreparedStatement read = c.prepareStatement("SELECT id, body FROM remote_object");
                PreparedStatement write =
                        c.prepareStatement("UPDATE remote_object SET public_audience = TRUE WHERE id = ?");
                ResultSet rs = read.executeQuery()) {
            while (rs.next()) {
                if (codec.read(rs.getString(2)) instanceof Decoded.Read r
                        && r.object().core().audience().isPublic()) {
                    write.setString(1, rs.getString(1));
                    write.executeUpdate();
                }
            }
        }
    }
}
