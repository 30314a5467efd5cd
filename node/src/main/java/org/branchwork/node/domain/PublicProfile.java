package org.branchwork.node.domain;

/**
 * What a member who opted in shows the fediverse: a handle and a display name, nothing else from
 * their record. Handles start with {@code ~}-free letters and never equal the branch's slug, so
 * WebFinger lookups of the two stay apart (lemmy#2037).
 */
public record PublicProfile(String handle, String displayName) {}
