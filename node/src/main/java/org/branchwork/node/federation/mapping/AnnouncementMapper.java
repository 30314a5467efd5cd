package org.branchwork.node.federation.mapping;

import java.net.URI;
import java.util.List;

import org.branchwork.node.domain.Announcement;
import org.branchwork.node.federation.LocalUris;
import org.branchwork.protocol.vocab.Activity;
import org.branchwork.protocol.vocab.ActivityType;
import org.branchwork.protocol.vocab.Article;
import org.branchwork.protocol.vocab.AsObject;
import org.branchwork.protocol.vocab.Audience;
import org.branchwork.protocol.vocab.Note;
import org.branchwork.protocol.vocab.ObjectCore;
import org.branchwork.protocol.vocab.Ref;

/**
 * Announcements on the wire: a {@code Note}, or an {@code Article} when it has a title, attributed
 * to the branch {@code Group}, to Public and the branch's followers, wrapped in a {@code Create}.
 */
public final class AnnouncementMapper {

    private final LocalUris uris;

    public AnnouncementMapper(LocalUris uris) {
        this.uris = uris;
    }

    public AsObject object(Announcement a, String branchSlug) {
        URI branch = uris.branchActor(branchSlug);
        ObjectCore core = ObjectCore.of(uris.announcement(a.id()), a.title() == null ? "Note" : "Article")
                .withContent(a.content(), "text/html")
                .withTimes(a.published(), null)
                .withAttribution(branch, Audience.publicWithFollowers(uris.branchFollowers(branchSlug)))
                .withLinks(List.of(Ref.to(uris.announcement(a.id()))), List.of(), List.of(), null);
        return a.title() == null ? new Note(core) : new Article(core.withName(a.title()));
    }

    public Activity create(Announcement a, String branchSlug) {
        URI branch = uris.branchActor(branchSlug);
        return new Activity(ObjectCore.of(uris.announcementCreate(a.id()), "Create")
                .withTimes(a.published(), null)
                .withAttribution(branch, Audience.publicWithFollowers(uris.branchFollowers(branchSlug))),
                ActivityType.CREATE, Ref.to(branch), List.of(Ref.to(object(a, branchSlug))), null, null, null, null);
    }
}
