package org.branchwork.node.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A post by the branch to its followers. {@code markdown} is what the organiser wrote (null for
 * posts from before Markdown); {@code content} the sanitised HTML rendered from it. {@code title}
 * is null for a short post (a {@code Note}), set for an {@code Article}. A deleted announcement
 * keeps its row, so that its IRI answers with a {@code Tombstone}.
 */
public record Announcement(
        AnnouncementId id,
        String title,
        String markdown,
        String content,
        Instant published,
        Instant updated,
        Instant deleted) {
    public Announcement {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(published, "published");
    }

    public boolean isDeleted() {
        return deleted != null;
    }
}
