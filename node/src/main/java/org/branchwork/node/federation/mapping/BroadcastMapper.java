package org.branchwork.node.federation.mapping;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.branchwork.node.domain.Broadcast;
import org.branchwork.node.http.LocalUris;
import org.branchwork.protocol.vocab.Activity;
import org.branchwork.protocol.vocab.ActivityType;
import org.branchwork.protocol.vocab.Article;
import org.branchwork.protocol.vocab.Audience;
import org.branchwork.protocol.vocab.Extensions;
import org.branchwork.protocol.vocab.ObjectCore;
import org.branchwork.protocol.vocab.Ref;

/**
 * A national broadcast on the wire: an {@code Article} (so Mastodon shows it as a post, from
 * {@code name} and {@code content}) that is also a {@code bw:Broadcast}, with
 * {@code bw:audiencePurpose} {@code "national"} (whose consent a branch needs before mailing it),
 * the optional {@code bw:segment} (a campaign of ours: meant for its adopters) and the Markdown it
 * was written in as {@code source}, which a branch mails. A branch's answer is an {@code Add} of a
 * {@code bw:BroadcastReport} to the broadcast ({@link BroadcastReport}).
 */
public final class BroadcastMapper {

    /** The type a broadcast carries beside {@code Article}. */
    public static final String TYPE = "bw:Broadcast";
    /** The one purpose a broadcast has today: national's messages, relayed by the branches. */
    public static final String NATIONAL = "national";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final LocalUris uris;

    public BroadcastMapper(LocalUris uris) {
        this.uris = uris;
    }

    public Article object(Broadcast b, String branchSlug) {
        URI id = uris.broadcast(b.id());
        ObjectNode ext = NODES.objectNode();
        ext.put("bw:audiencePurpose", NATIONAL);
        if (b.segment() != null) {
            ext.put("bw:segment", uris.campaign(b.segment()).toString());
        }
        ext.putObject("source").put("content", b.markdown()).put("mediaType", "text/markdown");
        ObjectCore core = ObjectCore.of(id, "Article")
                .withTypes(List.of("Article", TYPE))
                .withExtensions(Extensions.of(ext))
                .withName(b.subject())
                .withContent(b.content(), "text/html")
                .withTimes(b.published(), null)
                .withAttribution(
                        uris.branchActor(branchSlug), Audience.publicWithFollowers(uris.branchFollowers(branchSlug)))
                .withLinks(List.of(Ref.to(id)), List.of(), List.of(), null);
        return new Article(core);
    }

    /** The activity that published it, to Public and the node's followers. */
    public Activity create(Broadcast b, String branchSlug) {
        return Activities.wrap(
                uris.broadcastCreate(b.id()),
                ActivityType.CREATE,
                b.published(),
                branchSlug,
                uris,
                Ref.to(object(b, branchSlug)));
    }

    /**
     * A branch's report to a broadcast's sender: {@code Add} to the broadcast (the {@code target}),
     * addressed to nobody else; the {@code bw:BroadcastReport} it adds is written by
     * {@link BroadcastReport#addTo}.
     */
    public Activity report(URI broadcast, URI id, String branchSlug, Instant when) {
        URI self = uris.branchActor(branchSlug);
        return Activity.toTarget(
                ObjectCore.of(id, "Add").withTimes(when, null).withAttribution(self, Audience.NONE),
                ActivityType.ADD,
                Ref.to(self),
                Ref.to(broadcast));
    }
}
