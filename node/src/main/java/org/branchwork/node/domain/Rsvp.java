package org.branchwork.node.domain;

import java.net.URI;
import java.time.Instant;

/**
 * One person's answer to one of the branch's events: a local member ({@code member}) or a remote
 * actor ({@code actor}, with the public name their server gave), in a {@link State}. Both null
 * once the member who made it erased their account: it still counts, but names nobody.
 */
public record Rsvp(
        String id,
        EventId event,
        MemberId member,
        URI actor,
        URI actorInbox,
        String actorName,
        URI joinId,
        State state,
        Instant created) {

    /** Where an RSVP stands. */
    public enum State {
        ACCEPTED,
        PENDING,
        REJECTED,
        WITHDRAWN,
        /** No place was free: in line for the next one (see {@code RsvpService}). */
        WAITLISTED;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static State fromCode(String code) {
            return valueOf(code.toUpperCase(java.util.Locale.ROOT));
        }
    }

    public boolean isRemote() {
        return actor != null;
    }

    /** The same RSVP in another state (as a promotion or a decision leaves it). */
    public Rsvp in(State to) {
        return new Rsvp(id, event, member, actor, actorInbox, actorName, joinId, to, created);
    }

    /** The same RSVP answering another {@code Join} (a peer that sent its Join again). */
    public Rsvp answering(URI join) {
        return new Rsvp(id, event, member, actor, actorInbox, actorName, join, state, created);
    }
}
