package org.branchwork.node.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.branchwork.node.domain.Announcement;
import org.branchwork.node.domain.AnnouncementId;

/** Persistence of the branch's announcements. */
public final class AnnouncementStore {

    private static final String COLUMNS = "id, title, markdown, content, published, updated, deleted_at";

    public void insert(Connection c, Announcement a) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("INSERT INTO announcement (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, a.id().value());
            s.setString(2, a.title());
            s.setString(3, a.markdown());
            s.setString(4, a.content());
            s.setTimestamp(5, Timestamp.from(a.published()));
            s.setTimestamp(6, a.updated() == null ? null : Timestamp.from(a.updated()));
            s.setTimestamp(7, a.deleted() == null ? null : Timestamp.from(a.deleted()));
            s.executeUpdate();
        }
    }

    /** Replaces title, text and the updated/deleted times. */
    public void update(Connection c, Announcement a) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE announcement SET title = ?, markdown = ?, content = ?, updated = ?, deleted_at = ? WHERE id = ?")) {
            s.setString(1, a.title());
            s.setString(2, a.markdown());
            s.setString(3, a.content());
            s.setTimestamp(4, a.updated() == null ? null : Timestamp.from(a.updated()));
            s.setTimestamp(5, a.deleted() == null ? null : Timestamp.from(a.deleted()));
            s.setString(6, a.id().value());
            s.executeUpdate();
        }
    }

    public Optional<Announcement> find(Connection c, AnnouncementId id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM announcement WHERE id = ?")) {
            s.setString(1, id.value());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    /** Announcements not deleted, newest first. */
    public List<Announcement> page(Connection c, int offset, int limit) throws SQLException {
        List<Announcement> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS
                + " FROM announcement WHERE deleted_at IS NULL ORDER BY published DESC, id DESC LIMIT ? OFFSET ?")) {
            s.setInt(1, limit);
            s.setInt(2, offset);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
        }
        return out;
    }

    private static Announcement read(ResultSet rs) throws SQLException {
        return new Announcement(
                new AnnouncementId(rs.getString(1)),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getTimestamp(5).toInstant(),
                instant(rs.getTimestamp(6)),
                instant(rs.getTimestamp(7)));
    }

    static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
