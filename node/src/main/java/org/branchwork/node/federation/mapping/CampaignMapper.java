package org.branchwork.node.federation.mapping;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.branchwork.node.domain.Campaign;
import org.branchwork.node.domain.CampaignStanding;
import org.branchwork.node.domain.EventCategory;
import org.branchwork.node.http.LocalUris;
import org.branchwork.protocol.vocab.Activity;
import org.branchwork.protocol.vocab.ActivityType;
import org.branchwork.protocol.vocab.Article;
import org.branchwork.protocol.vocab.Audience;
import org.branchwork.protocol.vocab.Extensions;
import org.branchwork.protocol.vocab.ObjectCore;
import org.branchwork.protocol.vocab.Ref;
import org.branchwork.protocol.vocab.Tag;

/**
 * A campaign on the wire: an {@code Article} (so every server shows the brief) that is also a
 * {@code bw:Campaign}, with our extension terms for goals (with progress, when the owner knows
 * it), call to action, resources, suggested categories and status; {@code startTime} and
 * {@code endTime} are the campaign's first and last days.
 */
public final class CampaignMapper {

    /** The type a campaign carries beside {@code Article}. */
    public static final String TYPE = "bw:Campaign";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final LocalUris uris;

    public CampaignMapper(LocalUris uris) {
        this.uris = uris;
    }

    public Article object(Campaign k, CampaignStanding standing, String branchSlug) {
        URI id = uris.campaign(k.id());
        URI branch = uris.branchActor(branchSlug);
        ObjectNode ext = NODES.objectNode();
        ext.put(
                "startTime",
                k.startsOn().atStartOfDay(ZoneOffset.UTC).toInstant().toString());
        ext.put(
                "endTime",
                k.endsOn().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toString());
        ArrayNode goals = ext.putArray("bw:goals");
        for (int i = 0; i < k.goals().size(); i++) {
            Campaign.Goal g = k.goals().get(i);
            ObjectNode goal = goals.addObject()
                    .put("type", "bw:Goal")
                    .put("name", g.label())
                    .put("bw:goalTarget", g.target())
                    .put("bw:goalMetric", g.metric().code());
            if (standing != null) {
                goal.put("bw:goalProgress", standing.goals().get(i).progress());
            }
        }
        if (k.callToAction() != null) {
            ext.put("bw:callToAction", k.callToAction());
        }
        ArrayNode resources = ext.putArray("bw:resources");
        k.resources()
                .forEach(r -> resources
                        .addObject()
                        .put("type", "Link")
                        .put("href", r.url().toString())
                        .put("name", r.name()));
        ArrayNode suggested = ext.putArray("bw:suggestedCategories");
        k.suggested().stream().map(EventCategory::code).forEach(suggested::add);
        ext.put("bw:campaignStatus", k.ended() ? "ended" : "open");
        List<Tag> tags = k.hashtag() == null
                ? List.of()
                : List.of(new Tag.Hashtag(URI.create(uris.home() + "tags/" + k.hashtag()), "#" + k.hashtag()));
        ObjectCore core = ObjectCore.of(id, "Article")
                .withTypes(List.of("Article", TYPE))
                .withExtensions(Extensions.of(ext))
                .withName(k.title())
                // The summary leads the content rather than sitting in summary, which Mastodon shows as a content
                // warning.
                .withContent(
                        (k.summary() == null ? "" : "<p><em>" + escape(k.summary()) + "</em></p>")
                                + k.content()
                                + (k.callToAction() == null
                                        ? ""
                                        : "<p><strong>" + escape(k.callToAction()) + "</strong></p>"),
                        "text/html")
                .withTimes(k.published(), k.updated())
                .withAttribution(branch, Audience.publicWithFollowers(uris.branchFollowers(branchSlug)))
                .withLinks(List.of(Ref.to(id)), tags, List.of(), null);
        return new Article(core);
    }

    public Activity create(Campaign k, String branchSlug) {
        return Activities.wrap(
                uris.campaignCreate(k.id()),
                ActivityType.CREATE,
                k.published(),
                branchSlug,
                uris,
                Ref.to(object(k, null, branchSlug)));
    }

    public Activity update(Campaign k, CampaignStanding standing, String branchSlug) {
        return Activities.wrap(
                uris.newActivity(),
                ActivityType.UPDATE,
                k.updated(),
                branchSlug,
                uris,
                Ref.to(object(k, standing, branchSlug)));
    }

    // A branch's side of another node's campaign, and the owner's answer to an adoption.

    /** The owner's {@code Accept} of a branch's {@code Join} of one of its campaigns, to that branch. */
    public Activity adoptionAccepted(Campaign k, URI branch, URI joinId, URI id, String ownerSlug, Instant when) {
        URI self = uris.branchActor(ownerSlug);
        Activity join = Activity.of(
                ObjectCore.of(joinId, "Join"), ActivityType.JOIN, Ref.to(branch), Ref.to(uris.campaign(k.id())));
        return Activity.of(
                ObjectCore.of(id, "Accept").withTimes(when, null).withAttribution(self, Audience.to(branch)),
                ActivityType.ACCEPT,
                Ref.to(self),
                Ref.to(join));
    }

    /** The branch's {@code Join} of another node's campaign, to its owner: the adoption. */
    public Activity join(URI campaign, URI id, String branchSlug, Instant when) {
        return Activity.of(
                ObjectCore.of(id, "Join").withTimes(when, null),
                ActivityType.JOIN,
                Ref.to(uris.branchActor(branchSlug)),
                Ref.to(campaign));
    }

    /** The branch's {@code Announce} of a campaign it adopted, to its followers. */
    public Activity announce(URI campaign, URI id, String branchSlug, Instant when) {
        return Activities.wrap(id, ActivityType.ANNOUNCE, when, branchSlug, uris, Ref.to(campaign));
    }

    /** The branch's {@code Leave} of a campaign it had adopted, to its owner. */
    public Activity leave(URI campaign, URI id, String branchSlug, Instant when) {
        return Activity.of(
                ObjectCore.of(id, "Leave").withTimes(when, null),
                ActivityType.LEAVE,
                Ref.to(uris.branchActor(branchSlug)),
                Ref.to(campaign));
    }

    /**
     * The branch's progress report to the campaign's owner: {@code Add} to the campaign (the
     * {@code target}); the {@code bw:Goal} it adds is written by {@link GoalReport#addTo}.
     */
    public Activity progressReport(URI campaign, URI id, String branchSlug, Instant when) {
        URI self = uris.branchActor(branchSlug);
        return Activity.toTarget(
                ObjectCore.of(id, "Add").withTimes(when, null).withAttribution(self, Audience.NONE),
                ActivityType.ADD,
                Ref.to(self),
                Ref.to(campaign));
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
