package org.branchwork.node.federation.mapping;

import java.net.URI;
import java.util.List;

import org.branchwork.node.domain.Announcement;
import org.branchwork.node.http.LocalUris;
import org.branchwork.protocol.vocab.Activity;
import org.branchwork.protocol.vocab.ActivityType;
import org.branchwork.protocol.vocab.Article;
import org.branchwork.protocol.vocab.AsObject;
import org.branchwork.protocol.vocab.Audience;
import org.branchwork.protocol.vocab.Note;
import org.branchwork.protocol.vocab.ObjectCore;
import org.branchwork.protocol.vocab.Ref;
import org.branchwork.protocol.vocab.Tombstone;

/**
 * Announcements on the wire: a {@code Note}, or an {@code Article} when it has a title, attributed
 * to the branch {@code Group}, to Public and the branch's followers; a deleted one is a
 * {@code Tombstone}.
 */
public final class AnnouncementMapper {

    private final LocalUris uris;

    public AnnouncementMapper(LocalUris uris) {
        this.uris = uris;
    }

    public AsObject object(Announcement a, String branchSlug) {
        URI id = uris.announcement(a.id());
        String type = a.title() == null ? "Note" : "Article";
        if (a.isDeleted()) {
            return new Tombstone(ObjectCore.of(id, "Tombstone"), type, a.deleted());
        }
        URI branch = uris.branchActor(branchSlug);
        ObjectCore core = ObjectCore.of(id, type)
                .withContent(a.content(), "text/html")
                .withTimes(a.published(), a.updated())
                .withAttribution(branch, Audience.publicWithFollowers(uris.branchFollowers(branchSlug)))
                .withLinks(List.of(Ref.to(id)), List.of(), List.of(), null);
        return a.title() == null ? new Note(core) : new Article(core.withName(a.title()));
    }

    /** The activity that published it (its id is stable: peers may fetch it). */
    public Activity create(Announcement a, String branchSlug) {
        return Activities.wrap(
                uris.announcementCreate(a.id()),
                ActivityType.CREATE,
                a.published(),
                branchSlug,
                uris,
                Ref.to(object(a, branchSlug)));
    }

    public Activity update(Announcement a, String branchSlug) {
        return Activities.wrap(
                uris.newActivity(), ActivityType.UPDATE, a.updated(), branchSlug, uris, Ref.to(object(a, branchSlug)));
    }

    public Activity delete(Announcement a, String branchSlug) {
        return Activities.wrap(
                uris.newActivity(), ActivityType.DELETE, a.deleted(), branchSlug, uris, Ref.to(object(a, branchSlug)));
    }
}
