package org.branchwork.node.domain;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * An event the branch runs. Times are instants shown in {@code zone}. In person when {@code place}
 * is set, online when {@code onlineUrl} is (a link only participants see), or both. {@code
 * capacity} null means unlimited. {@code campaign} is the IRI of a campaign it belongs to, or null.
 */
public record BranchEvent(
        EventId id,
        String name,
        String markdown,
        String content,
        Instant start,
        Instant end,
        ZoneId zone,
        EventPlace place,
        URI onlineUrl,
        Integer capacity,
        JoinMode joinMode,
        EventCategory category,
        URI campaign,
        boolean cancelled,
        Instant published,
        Instant updated,
        Instant deleted) {

    public BranchEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(joinMode, "joinMode");
        Objects.requireNonNull(category, "category");
    }

    public boolean isOnline() {
        return onlineUrl != null;
    }

    public boolean isDeleted() {
        return deleted != null;
    }

    /** The same event, cancelled at {@code when}. */
    public BranchEvent cancel(Instant when) {
        return withState(true, when, deleted);
    }

    /** The same event, deleted at {@code when} (its IRI then answers with a {@code Tombstone}). */
    public BranchEvent delete(Instant when) {
        return withState(cancelled, when, when);
    }

    /** What an organiser writes, with what the event's life has made of it (cancelled, when published, edited, deleted). */
    private BranchEvent withState(boolean isCancelled, Instant newUpdated, Instant newDeleted) {
        return new BranchEvent(
                id,
                name,
                markdown,
                content,
                start,
                end,
                zone,
                place,
                onlineUrl,
                capacity,
                joinMode,
                category,
                campaign,
                isCancelled,
                published,
                newUpdated,
                newDeleted);
    }
}
