package org.branchwork.node.federation.mapping;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.branchwork.node.domain.ActorKeys;
import org.branchwork.node.federation.local.LocalActors.BranchActor;
import org.branchwork.node.http.LocalUris;
import org.branchwork.protocol.sig.Multikey;
import org.branchwork.protocol.sig.Pem;
import org.branchwork.protocol.vocab.Actor;
import org.branchwork.protocol.vocab.ActorType;
import org.branchwork.protocol.vocab.Endpoints;
import org.branchwork.protocol.vocab.Link;
import org.branchwork.protocol.vocab.MultikeyInfo;
import org.branchwork.protocol.vocab.ObjectCore;
import org.branchwork.protocol.vocab.PublicKeyInfo;
import org.branchwork.protocol.vocab.Ref;

/** The node's actors as ActivityStreams documents. Carries nothing from any member record. */
public final class ActorMapper {

    private final LocalUris uris;

    public ActorMapper(LocalUris uris) {
        this.uris = uris;
    }

    public Actor branchGroup(BranchActor actor, boolean manuallyApprovesFollowers) {
        String slug = actor.branch().slug();
        URI id = uris.branchActor(slug);
        ObjectCore core = ObjectCore.of(id, "Group")
                .withName(actor.branch().name())
                .withLinks(
                        List.of(new Ref.Linked(new Link(uris.home(), null, "text/html", null))),
                        List.of(),
                        List.of(),
                        null)
                .withTimes(actor.branch().createdAt(), null);
        return new Actor(
                core,
                ActorType.GROUP,
                slug,
                uris.branchInbox(slug),
                uris.branchOutbox(slug),
                uris.branchFollowers(slug),
                uris.branchFollowing(slug),
                null,
                new Endpoints(uris.sharedInbox(), Map.of()),
                List.of(publicKey(uris.branchRsaKey(slug), id, actor.keys())),
                List.of(multikey(uris.branchEd25519Key(slug), id, actor.keys())),
                manuallyApprovesFollowers,
                true);
    }

    public Actor instance(ActorKeys keys) {
        URI id = uris.instanceActor();
        // Mastodon names its instance actor after the domain; a handle-like username keeps it
        // apart from the branch's (lemmy#2037: a user and a group sharing a name break lookups).
        ObjectCore core = ObjectCore.of(id, "Application").withName(uris.authority());
        return new Actor(
                core,
                ActorType.APPLICATION,
                uris.authority(),
                uris.instanceInbox(),
                uris.instanceOutbox(),
                null,
                null,
                null,
                new Endpoints(uris.sharedInbox(), Map.of()),
                List.of(publicKey(uris.instanceRsaKey(), id, keys)),
                List.of(multikey(uris.instanceEd25519Key(), id, keys)),
                true,
                false);
    }

    /** A member's opt-in public actor: a display name and a key, nothing else from their record. */
    public Actor person(org.branchwork.node.federation.local.LocalActors.PersonActor person) {
        String handle = person.profile().handle();
        URI id = uris.person(handle);
        ObjectCore core = ObjectCore.of(id, "Person").withName(person.profile().displayName());
        return new Actor(
                core,
                ActorType.PERSON,
                handle,
                uris.personInbox(handle),
                URI.create(id + "/outbox"),
                null,
                null,
                null,
                new Endpoints(uris.sharedInbox(), Map.of()),
                List.of(new PublicKeyInfo(uris.personRsaKey(handle), id, Pem.writePublicKey(person.rsaPublic()))),
                List.of(),
                false,
                false);
    }

    private static PublicKeyInfo publicKey(URI keyId, URI owner, ActorKeys keys) {
        return new PublicKeyInfo(keyId, owner, Pem.writePublicKey(keys.rsaPublic()));
    }

    private static MultikeyInfo multikey(URI keyId, URI owner, ActorKeys keys) {
        return new MultikeyInfo(keyId, owner, Multikey.encode(keys.ed25519Public()));
    }
}
