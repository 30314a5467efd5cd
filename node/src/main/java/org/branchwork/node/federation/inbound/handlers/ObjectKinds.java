package org.branchwork.node.federation.inbound.handlers;

import java.net.URI;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

import org.branchwork.node.federation.inbound.ObjectKind;
import org.branchwork.node.http.LocalUris;
import org.branchwork.protocol.vocab.Activity;
import org.branchwork.protocol.vocab.AsObject;
import org.branchwork.protocol.vocab.Ref;

/**
 * Resolves what a received activity's object is: its id first (one of our campaigns, events, our
 * members' Joins, something else of ours), then what is embedded. Asked once per activity, by the
 * {@link org.branchwork.node.federation.inbound.HandlerRegistry}.
 */
final class ObjectKinds implements Function<Activity, ObjectKind> {

    private final LocalUris uris;
    private final Predicate<URI> isOurJoin;

    ObjectKinds(LocalUris uris, Predicate<URI> isOurJoin) {
        this.uris = uris;
        this.isOurJoin = isOurJoin;
    }

    @Override
    public ObjectKind apply(Activity activity) {
        Optional<Ref> object = activity.object();
        if (object.isEmpty()) {
            return ObjectKind.NONE;
        }
        Optional<URI> id = object.get().id();
        if (id.isPresent() && uris.isLocal(id.get())) {
            if (uris.campaignIdOf(id.get()).isPresent()) {
                return ObjectKind.LOCAL_CAMPAIGN;
            }
            if (uris.consultationIdOf(id.get().toString()).isPresent()) {
                return ObjectKind.LOCAL_CONSULTATION;
            }
            if (uris.eventIdOf(id.get()).isPresent()) {
                return ObjectKind.LOCAL_EVENT;
            }
            // Only an activity id of ours can be a member's Join; asking the store costs a query, which a
            // Follow of the branch (the commonest inbound activity) should not pay.
            return uris.isActivity(id.get()) && isOurJoin.test(id.get()) ? ObjectKind.OUR_JOIN : ObjectKind.LOCAL_OTHER;
        }
        Optional<AsObject> embedded = object.get().embedded();
        if (embedded.isEmpty()) {
            return ObjectKind.REMOTE_REFERENCE;
        }
        return switch (embedded.get().type()) {
            case "Follow" -> ObjectKind.EMBEDDED_FOLLOW;
            case "Join" -> ObjectKind.EMBEDDED_JOIN;
            default -> embedded.get() instanceof Activity ? ObjectKind.EMBEDDED_ACTIVITY : ObjectKind.REMOTE_OBJECT;
        };
    }
}
