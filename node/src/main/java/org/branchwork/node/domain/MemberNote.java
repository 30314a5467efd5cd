package org.branchwork.node.domain;

import java.time.Instant;

/** An organiser's note on a member; {@code authorName} is empty when the author has left. */
public record MemberNote(
        long id, MemberId member, MemberId author, String authorName, String body, Instant createdAt) {}
