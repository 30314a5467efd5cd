package org.branchwork.node.service;

import java.net.URI;
import java.util.Optional;

/**
 * The port through which member features reach other nodes: following a branch on a member's
 * behalf and finding who owns a remote event. The federation layer implements it; services see
 * only URIs and results.
 */
public interface Fediverse {

    /** The branch follows the actor a handle or URL names (once: an existing follow is kept). */
    Followed followOnce(String handleOrUrl);

    /** Who owns a remote object (an event, a campaign) and where their inbox is, from the copy we hold or fetched. */
    Optional<EventOwner> ownerOf(URI event);

    /** A short name for a remote actor, for feeds ({@code manchester@host}). */
    String label(URI actor);

    /** {@code manchester@host} from an actor IRI's last path segment and authority. */
    static String handleLike(URI actor) {
        String path = actor.getPath() == null ? "" : actor.getPath();
        String last = path.substring(path.lastIndexOf('/') + 1);
        return (last.isEmpty() ? "" : last + "@") + actor.getAuthority();
    }

    /** The outcome of {@link #followOnce}: the actor's IRI, or why it could not be followed. */
    record Followed(URI actor, String error) {}

    /** A remote event's owner and the inbox their answers come from. */
    record EventOwner(URI owner, URI inbox) {}
}
