package org.branchwork.node.http;

import java.net.URI;
import java.util.Optional;

/**
 * The one place the node's IRIs are built and parsed. The branch is a {@code Group} at
 * {@code /groups/{slug}}; the node's instance actor an {@code Application} at {@code /actor}
 * (where Mastodon keeps its own), signing fetches on the node's behalf.
 */
public final class LocalUris {

    private final PublicOrigin origin;

    public LocalUris(PublicOrigin origin) {
        this.origin = origin;
    }

    private URI at(String path) {
        return URI.create(origin.uri() + path);
    }

    public URI home() {
        return at("/");
    }

    public URI branchActor(String slug) {
        return at("/groups/" + slug);
    }

    public URI branchInbox(String slug) {
        return at("/groups/" + slug + "/inbox");
    }

    public URI branchOutbox(String slug) {
        return at("/groups/" + slug + "/outbox");
    }

    public URI branchFollowers(String slug) {
        return at("/groups/" + slug + "/followers");
    }

    public URI branchFollowing(String slug) {
        return at("/groups/" + slug + "/following");
    }

    public URI branchRsaKey(String slug) {
        return URI.create(branchActor(slug) + "#main-key");
    }

    public URI branchEd25519Key(String slug) {
        return URI.create(branchActor(slug) + "#ed25519-key");
    }

    public URI instanceActor() {
        return at("/actor");
    }

    public URI instanceRsaKey() {
        return URI.create(instanceActor() + "#main-key");
    }

    public URI instanceEd25519Key() {
        return URI.create(instanceActor() + "#ed25519-key");
    }

    public URI instanceInbox() {
        return at("/actor/inbox");
    }

    public URI instanceOutbox() {
        return at("/actor/outbox");
    }

    public URI sharedInbox() {
        return at("/inbox");
    }

    /** The extension JSON-LD context document. */
    public URI extensionContext() {
        return at("/ns/branchwork");
    }

    public URI nodeInfo() {
        return at("/nodeinfo/2.1");
    }

    public URI announcement(org.branchwork.node.domain.AnnouncementId id) {
        return at("/announcements/" + id.value());
    }

    /** The {@code Create} activity that published an announcement. */
    public URI announcementCreate(org.branchwork.node.domain.AnnouncementId id) {
        return at("/announcements/" + id.value() + "/activity");
    }

    public URI event(org.branchwork.node.domain.EventId id) {
        return at("/events/" + id.value());
    }

    /** The {@code Create} activity that published an event. */
    public URI eventCreate(org.branchwork.node.domain.EventId id) {
        return at("/events/" + id.value() + "/activity");
    }

    /** An event's RSVP poll: the {@code Question} Mastodon users vote "Going" on. */
    public URI eventPoll(org.branchwork.node.domain.EventId id) {
        return at("/events/" + id.value() + "/poll");
    }

    /** The {@code Create} activity that published an event's RSVP poll. */
    public URI eventPollCreate(org.branchwork.node.domain.EventId id) {
        return at("/events/" + id.value() + "/poll/activity");
    }

    /** The event whose RSVP poll an IRI of ours names, if it names one. */
    public Optional<org.branchwork.node.domain.EventId> eventIdOfPoll(URI iri) {
        String path = iri.getRawPath();
        if (!isLocal(iri) || path == null || !path.startsWith("/events/") || !path.endsWith("/poll")) {
            return Optional.empty();
        }
        try {
            return Optional.of(org.branchwork.node.domain.EventId.parse(
                    path.substring("/events/".length(), path.length() - "/poll".length())));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The event id an IRI of ours names, if it is an event IRI. */
    public Optional<org.branchwork.node.domain.EventId> eventIdOf(URI iri) {
        if (!isLocal(iri) || iri.getRawPath() == null || !iri.getRawPath().startsWith("/events/")) {
            return Optional.empty();
        }
        try {
            return Optional.of(
                    org.branchwork.node.domain.EventId.parse(iri.getRawPath().substring("/events/".length())));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public URI campaign(org.branchwork.node.domain.CampaignId id) {
        return at("/campaigns/" + id.value());
    }

    public URI campaignCreate(org.branchwork.node.domain.CampaignId id) {
        return at("/campaigns/" + id.value() + "/activity");
    }

    /** The campaign id an IRI of ours names, if it is a campaign IRI. */
    public Optional<org.branchwork.node.domain.CampaignId> campaignIdOf(URI iri) {
        if (iri == null
                || !isLocal(iri)
                || iri.getRawPath() == null
                || !iri.getRawPath().startsWith("/campaigns/")) {
            return Optional.empty();
        }
        try {
            return Optional.of(
                    org.branchwork.node.domain.CampaignId.parse(iri.getRawPath().substring("/campaigns/".length())));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public URI broadcast(org.branchwork.node.domain.BroadcastId id) {
        return at("/broadcasts/" + id.value());
    }

    /** The {@code Create} activity that published a broadcast. */
    public URI broadcastCreate(org.branchwork.node.domain.BroadcastId id) {
        return at("/broadcasts/" + id.value() + "/activity");
    }

    /** The broadcast id an IRI of ours names, if it is a broadcast IRI. */
    public Optional<org.branchwork.node.domain.BroadcastId> broadcastIdOf(URI iri) {
        if (iri == null
                || !isLocal(iri)
                || iri.getRawPath() == null
                || !iri.getRawPath().startsWith("/broadcasts/")) {
            return Optional.empty();
        }
        try {
            return Optional.of(org.branchwork.node.domain.BroadcastId.parse(
                    iri.getRawPath().substring("/broadcasts/".length())));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A consultation: its page, and (phase 2) its {@code Question}. */
    public URI consultation(org.branchwork.node.domain.ConsultationId id) {
        return at("/consultations/" + id.value());
    }

    /** The {@code Create} that published a consultation's {@code Question}. */
    public URI consultationCreate(org.branchwork.node.domain.ConsultationId id) {
        return at("/consultations/" + id.value() + "/activity");
    }

    /** A tally this branch sent: its object's id, by the consultation and the tally's sequence number. */
    public URI consultationTally(org.branchwork.node.domain.ConsultationId id, long sequence) {
        return at("/consultations/" + id.value() + "/tallies/" + sequence);
    }

    /** The consultation id an IRI of ours (or a bare UUID) names. */
    public Optional<org.branchwork.node.domain.ConsultationId> consultationIdOf(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String uuid = text;
        if (text.contains("/")) {
            URI iri;
            try {
                iri = URI.create(text);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            if (iri.getScheme() == null
                    || !isLocal(iri)
                    || iri.getRawPath() == null
                    || !iri.getRawPath().startsWith("/consultations/")) {
                return Optional.empty();
            }
            uuid = iri.getRawPath().substring("/consultations/".length());
        }
        try {
            return Optional.of(org.branchwork.node.domain.ConsultationId.parse(uuid));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A member's opt-in {@code Person} actor. */
    public URI person(String handle) {
        return at("/people/" + handle);
    }

    public URI personInbox(String handle) {
        return at("/people/" + handle + "/inbox");
    }

    public URI personRsaKey(String handle) {
        return URI.create(person(handle) + "#main-key");
    }

    /** The handle a person IRI of ours names. */
    public Optional<String> personHandleOf(URI iri) {
        if (!isLocal(iri) || iri.getRawPath() == null || !iri.getRawPath().startsWith("/people/")) {
            return Optional.empty();
        }
        String rest = iri.getRawPath().substring("/people/".length());
        return rest.isEmpty() || rest.contains("/") ? Optional.empty() : Optional.of(rest);
    }

    /** A new id for an activity the branch sends. */
    /** Whether an IRI of ours names one of our activities (as {@link #newActivity} makes them). */
    public boolean isActivity(URI iri) {
        return isLocal(iri) && iri.getRawPath() != null && iri.getRawPath().startsWith("/activities/");
    }

    public URI newActivity() {
        return at("/activities/" + java.util.UUID.randomUUID());
    }

    /** Whether an IRI is on this node's origin. */
    public boolean isLocal(URI iri) {
        URI o = origin.uri();
        return o.getScheme().equalsIgnoreCase(String.valueOf(iri.getScheme()))
                && o.getHost().equalsIgnoreCase(String.valueOf(iri.getHost()))
                && o.getPort() == iri.getPort();
    }

    /** The branch slug an actor IRI of ours names, if it is a branch actor IRI. */
    public Optional<String> branchSlugOf(URI iri) {
        if (!isLocal(iri) || iri.getRawPath() == null || !iri.getRawPath().startsWith("/groups/")) {
            return Optional.empty();
        }
        String rest = iri.getRawPath().substring("/groups/".length());
        return rest.isEmpty() || rest.contains("/") ? Optional.empty() : Optional.of(rest);
    }

    /** {@code host[:port]}, as in handles. */
    public String authority() {
        return origin.authority();
    }
}
