package org.branchwork.node.domain;

import java.util.UUID;

/** The id of a campaign: a UUID, which also forms its public IRI. */
public record CampaignId(String value) {

    public static CampaignId random() {
        return new CampaignId(UUID.randomUUID().toString());
    }

    /** Parses an id from a URL segment; throws {@link IllegalArgumentException} for anything but a UUID. */
    public static CampaignId parse(String text) {
        return new CampaignId(UUID.fromString(text).toString());
    }
}
