package org.branchwork.node.web.view;

import java.util.List;

/**
 * {@code /admin/following}: whom the branch follows, by name, and the form to follow someone
 * else. {@code preview} is the actor a handle or URL was just looked up to, before following.
 */
public record FollowingView(
        String title,
        String csrf,
        List<Followed> following,
        String target,
        Preview preview,
        String notice,
        String error) {

    public boolean hasFollowing() {
        return !following.isEmpty();
    }

    /** One actor the branch follows or asked to follow: {@code state} in words. */
    public record Followed(String name, String id, String state) {}

    /** What a handle or URL names, shown before the branch follows it. */
    public record Preview(String name, String handle, String kind, String id) {}
}
