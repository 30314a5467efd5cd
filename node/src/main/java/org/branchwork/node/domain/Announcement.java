package org.branchwork.node.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A post by the branch to its followers. {@code content} is HTML the node produced and sanitised;
 * {@code title} is null for a short post (a {@code Note}), set for an {@code Article}.
 */
public record Announcement(AnnouncementId id, String title, String content, Instant published) {
    public Announcement {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(published, "published");
    }
}
