package org.branchwork.node.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;

import org.branchwork.node.domain.Announcement;
import org.branchwork.node.domain.AnnouncementId;

/** Persistence of the branch's announcements. */
public final class AnnouncementStore {

    public void insert(Connection c, Announcement a) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO announcement (id, title, content, published) VALUES (?, ?, ?, ?)")) {
            s.setString(1, a.id().value());
            s.setString(2, a.title());
            s.setString(3, a.content());
            s.setTimestamp(4, Timestamp.from(a.published()));
            s.executeUpdate();
        }
    }

    public Optional<Announcement> find(Connection c, AnnouncementId id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT id, title, content, published FROM announcement WHERE id = ?")) {
            s.setString(1, id.value());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(new Announcement(new AnnouncementId(rs.getString(1)), rs.getString(2),
                        rs.getString(3), rs.getTimestamp(4).toInstant())) : Optional.empty();
            }
        }
    }
}
