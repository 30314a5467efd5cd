package org.branchwork.node.federation.resolve;

import java.net.URI;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.branchwork.node.federation.resolve.ActivityFetcher.FetchException;
import org.branchwork.protocol.sig.Pem;
import org.branchwork.protocol.sig.ResolvedKey;
import org.branchwork.protocol.vocab.Actor;
import org.branchwork.protocol.vocab.AsObject;
import org.branchwork.protocol.vocab.Origins;
import org.branchwork.protocol.vocab.PublicKeyInfo;

/**
 * Finds remote actors and their keys: from a cache, else by a signed fetch. An actor is filed under
 * the {@code id} its own document states (on the origin asked for, see {@link ActivityFetcher}),
 * never under the URL first asked for, so a redirect cannot lend one actor's identity to another.
 * A key is accepted only from the document of the actor that owns it, on the same origin.
 * {@link #refreshKey} refetches once, for peers that rotated their key (Mastodon does on account
 * migration). Ids are compared in {@link Origins#canonical canonical} form.
 */
public final class ActorResolver {

    private static final Duration TTL = Duration.ofHours(24);
    /**
     * How long a key that could not be had, or was just fetched again, is not fetched again: a flood
     * of requests naming an attacker-chosen keyId (or a victim's keyId with a bad signature) then
     * costs one fetch a minute, not one a request.
     */
    static final Duration RETRY_AFTER = Duration.ofMinutes(1);

    private static final int MAX_REMEMBERED_FAILURES = 10_000;

    private final ActivityFetcher fetcher;
    private final Clock clock;
    private final Map<URI, RemoteActor> byId = new ConcurrentHashMap<>();
    private final Map<String, RemoteActor> byKeyId = new ConcurrentHashMap<>();
    private final Map<String, java.time.Instant> lastFetched = new ConcurrentHashMap<>();

    public ActorResolver(ActivityFetcher fetcher, Clock clock) {
        this.fetcher = fetcher;
        this.clock = clock;
    }

    /** The actor with this id, fetched when not cached or stale. */
    public RemoteActor actor(URI asked) throws FetchException {
        URI id = Origins.canonical(asked);
        RemoteActor cached = byId.get(id);
        if (cached != null && cached.fetchedAt().plus(TTL).isAfter(clock.instant())) {
            return cached;
        }
        return fetchActor(id);
    }

    /** The actor if it is cached and fresh; never fetches (for labels on pages). */
    public Optional<RemoteActor> cached(URI id) {
        RemoteActor cached = byId.get(Origins.canonical(id));
        return cached != null && cached.fetchedAt().plus(TTL).isAfter(clock.instant())
                ? Optional.of(cached)
                : Optional.empty();
    }

    /** The key a signature names, with its owner. */
    public Optional<ResolvedKey> key(String keyId) {
        RemoteActor cached = byKeyId.get(canonicalKeyId(keyId));
        if (cached != null && cached.fetchedAt().plus(TTL).isAfter(clock.instant())) {
            return Optional.of(new ResolvedKey(keyId, cached.id(), cached.publicKey()));
        }
        return refreshKey(keyId);
    }

    /** Fetches the key's owner again, ignoring the cache. */
    public Optional<ResolvedKey> refreshKey(String claimedKeyId) {
        URI keyUri;
        try {
            keyUri = Origins.canonical(URI.create(claimedKeyId));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!keyUri.isAbsolute()
                || keyUri.isOpaque()
                || keyUri.getHost() == null
                || !("https".equalsIgnoreCase(keyUri.getScheme()) || "http".equalsIgnoreCase(keyUri.getScheme()))) {
            return Optional.empty();
        }
        String keyId = keyUri.toString();
        java.time.Instant now = clock.instant();
        java.time.Instant before = lastFetched.get(keyId);
        if (before != null && before.plus(RETRY_AFTER).isAfter(now)) {
            RemoteActor cached = byKeyId.get(keyId);
            return cached == null
                    ? Optional.empty()
                    : Optional.of(new ResolvedKey(keyId, cached.id(), cached.publicKey()));
        }
        if (lastFetched.size() >= MAX_REMEMBERED_FAILURES) {
            lastFetched.values().removeIf(at -> at.plus(RETRY_AFTER).isBefore(now));
            if (lastFetched.size() >= MAX_REMEMBERED_FAILURES) {
                // Still full of fresh entries: a flood from many keyIds. Forget them rather than
                // refuse every new peer; the flood then costs what it would without the memory.
                lastFetched.clear();
            }
        }
        lastFetched.put(keyId, now);
        try {
            RemoteActor actor;
            if (keyUri.getFragment() != null) {
                actor = fetchActor(ActivityFetcher.withoutFragment(keyUri));
            } else {
                // A key at its own URL (GoToSocial, standalone key documents): the document names the
                // owner, and the owner's own actor document must publish the key.
                Optional<URI> owner = fetcher.keyOwner(keyUri);
                if (owner.isEmpty() || !Origins.same(owner.get(), keyUri)) {
                    return Optional.empty();
                }
                actor = fetchActor(owner.get());
            }
            // The owner's own document, fetched from the owner's own origin, must name this key.
            if (!keyId.equals(actor.keyId()) || !Origins.same(actor.id(), keyUri)) {
                return Optional.empty();
            }
            return Optional.of(new ResolvedKey(keyId, actor.id(), actor.publicKey()));
        } catch (FetchException e) {
            return Optional.empty();
        }
    }

    /** An FEP-8b32 proof key as its controller's document published it, and when that was fetched. */
    private record AssertionKey(URI controller, PublicKey key, java.time.Instant fetchedAt) {}

    private final Map<URI, AssertionKey> assertionKeys = new ConcurrentHashMap<>();

    /**
     * The Ed25519 key an FEP-8b32 proof names ({@code assertionMethod} of its controller), with the
     * controller's id; empty when the controller does not publish it. Cached for {@link #TTL}, as
     * signature keys are: a branch's every tally or report used to cost a signed fetch of its actor
     * (half the owner's work per tally, docs/PERFORMANCE.md); {@link #refreshAssertionKey} when a
     * proof fails with the cached key (a rotated key).
     */
    public Optional<Map.Entry<URI, PublicKey>> assertionKey(URI keyId) {
        AssertionKey cached = assertionKeys.get(keyId);
        if (cached != null && cached.fetchedAt().plus(TTL).isAfter(clock.instant())) {
            return Optional.of(Map.entry(cached.controller(), cached.key()));
        }
        return fetchAssertionKey(keyId);
    }

    /**
     * Fetches a proof key's controller again, ignoring the cache; at most once a
     * {@link #RETRY_AFTER} per key (else the cached key, if any), so that proofs that do not verify
     * cannot make us fetch on every request.
     */
    public Optional<Map.Entry<URI, PublicKey>> refreshAssertionKey(URI keyId) {
        java.time.Instant now = clock.instant();
        String mark = "proof " + keyId;
        java.time.Instant before = lastFetched.get(mark);
        if (before != null && before.plus(RETRY_AFTER).isAfter(now)) {
            AssertionKey cached = assertionKeys.get(keyId);
            return cached == null ? Optional.empty() : Optional.of(Map.entry(cached.controller(), cached.key()));
        }
        return fetchAssertionKey(keyId);
    }

    private Optional<Map.Entry<URI, PublicKey>> fetchAssertionKey(URI keyId) {
        if (lastFetched.size() >= MAX_REMEMBERED_FAILURES) {
            lastFetched.values().removeIf(at -> at.plus(RETRY_AFTER).isBefore(clock.instant()));
        }
        lastFetched.put("proof " + keyId, clock.instant());
        Optional<Map.Entry<URI, PublicKey>> found = fetchedAssertionKey(keyId);
        if (found.isPresent()) {
            assertionKeys.put(
                    keyId, new AssertionKey(found.get().getKey(), found.get().getValue(), clock.instant()));
        } else {
            assertionKeys.remove(keyId);
        }
        return found;
    }

    private Optional<Map.Entry<URI, PublicKey>> fetchedAssertionKey(URI keyId) {
        try {
            AsObject object = fetcher.fetch(ActivityFetcher.withoutFragment(keyId));
            if (!(object instanceof Actor actor)) {
                return Optional.empty();
            }
            return assertionKeyOf(actor, keyId);
        } catch (FetchException e) {
            return Optional.empty();
        }
    }

    /** The key {@code keyId} in the actor's {@code assertionMethod}, controlled by the actor, with the actor's id. */
    private static Optional<Map.Entry<URI, PublicKey>> assertionKeyOf(Actor actor, URI keyId) {
        return actor.assertionMethods().stream()
                .filter(m -> keyId.equals(m.id()) && m.publicKeyMultibase() != null)
                .filter(m -> m.controller() == null
                        || m.controller().equals(actor.id().orElse(null)))
                .findFirst()
                .flatMap(m -> {
                    try {
                        return Optional.of(Map.entry(
                                actor.id().orElseThrow(),
                                org.branchwork.protocol.sig.Multikey.decodePublic(m.publicKeyMultibase())));
                    } catch (IllegalArgumentException e) {
                        return Optional.empty();
                    }
                });
    }

    private static String canonicalKeyId(String keyId) {
        try {
            return Origins.canonical(URI.create(keyId)).toString();
        } catch (IllegalArgumentException e) {
            return keyId;
        }
    }

    private RemoteActor fetchActor(URI asked) throws FetchException {
        AsObject object = fetcher.fetch(asked);
        if (!(object instanceof Actor actor)) {
            throw new FetchException(asked + " is a " + object.type() + ", not an actor", null);
        }
        // The fetcher has checked that the id is the URL that answered, on the origin asked for.
        URI id = actor.id().orElseThrow(() -> new FetchException(asked + " has no id", null));
        if (actor.inbox() == null) {
            throw new FetchException(id + " has no inbox", null);
        }
        PublicKeyInfo keyInfo = actor.publicKeys().stream()
                .filter(k -> k.id() != null && k.publicKeyPem() != null && Origins.same(k.id(), id))
                .filter(k -> k.owner() == null || k.owner().equals(id))
                .findFirst()
                .orElseThrow(() -> new FetchException(id + " publishes no usable publicKey", null));
        PublicKey key;
        try {
            key = Pem.readPublicKey(keyInfo.publicKeyPem());
        } catch (IllegalArgumentException e) {
            throw new FetchException(id + " has an unreadable key: " + e.getMessage(), null);
        }
        // Its proof keys too: a branch's tallies and reports are proved by one, so the fetch made
        // for its Follow or Join serves them, as it serves its HTTP signatures.
        for (var m : actor.assertionMethods()) {
            if (m.id() != null
                    && m.id().getFragment() != null
                    && ActivityFetcher.withoutFragment(m.id()).equals(id)) {
                assertionKeyOf(actor, m.id())
                        .ifPresent(k ->
                                assertionKeys.put(m.id(), new AssertionKey(k.getKey(), k.getValue(), clock.instant())));
            }
        }
        String name = actor.core().name().best().filter(n -> !n.isBlank()).orElse(actor.preferredUsername());
        RemoteActor remote = new RemoteActor(
                id,
                actor.inbox(),
                actor.endpoints().sharedInbox(),
                keyInfo.id().toString(),
                key,
                name,
                actor.type(),
                clock.instant());
        byId.put(id, remote);
        byKeyId.put(remote.keyId(), remote);
        return remote;
    }
}
