package org.branchwork.node.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.branchwork.node.domain.MemberId;

/** The tags organisers put on members ({@code member_tag}); reached through {@link MemberStore#tags()}. */
public final class MemberTags {

    MemberTags() {}

    public List<String> of(Connection c, MemberId id) throws SQLException {
        return of(c, List.of(id)).getOrDefault(id, List.of());
    }

    /** The tags of several members at once (one query for a page of the list). */
    public Map<MemberId, List<String>> of(Connection c, Collection<MemberId> ids) throws SQLException {
        Map<MemberId, List<String>> out = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        String marks = String.join(",", java.util.Collections.nCopies(ids.size(), "?"));
        try (PreparedStatement s = c.prepareStatement(
                "SELECT member_id, tag FROM member_tag WHERE member_id IN (" + marks + ") ORDER BY tag")) {
            int i = 1;
            for (MemberId id : ids) {
                s.setLong(i++, id.value());
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(new MemberId(rs.getLong(1)), k -> new ArrayList<>())
                            .add(rs.getString(2));
                }
            }
        }
        return out;
    }

    public void set(Connection c, MemberId id, Collection<String> tags) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM member_tag WHERE member_id = ?")) {
            s.setLong(1, id.value());
            s.executeUpdate();
        }
        if (tags.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO member_tag (member_id, tag) VALUES (?, ?)")) {
            for (String tag : new TreeSet<>(tags)) {
                s.setLong(1, id.value());
                s.setString(2, tag);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** The tags in use, alphabetically (at most 200): read off the tag index, not by counting. */
    public List<String> names(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement s =
                        c.prepareStatement("SELECT tag FROM member_tag GROUP BY tag ORDER BY tag LIMIT 200");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
