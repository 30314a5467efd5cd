package org.branchwork.node.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A national broadcast this node wrote for the members of the branches that follow it: a subject
 * and a Markdown text (with its sanitised HTML), and optionally a segment hint (one of this
 * node's campaigns: meant for the branches that adopted it). The branches mail it to their own members.
 */
public record Broadcast(
        BroadcastId id, String subject, String markdown, String content, CampaignId segment, Instant published) {

    public Broadcast {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(markdown, "markdown");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(published, "published");
    }
}
