package org.branchwork.node.federation.wellknown;

import io.helidon.http.HeaderNames;
import io.helidon.http.NotFoundException;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.branchwork.node.domain.Announcement;
import org.branchwork.node.domain.AnnouncementId;
import org.branchwork.node.federation.ActivityJson;
import org.branchwork.node.federation.LocalActors;
import org.branchwork.node.federation.mapping.AnnouncementMapper;
import org.branchwork.node.service.AnnouncementService;
import org.branchwork.protocol.jsonld.ActivityCodec;

/**
 * The branch's objects at their IRIs: {@code /announcements/{id}} and its {@code /activity}, so
 * that peers can fetch what they were sent (and check it came from here).
 */
public final class ObjectEndpoint implements HttpService {

    private final AnnouncementService announcements;
    private final AnnouncementMapper mapper;
    private final LocalActors actors;
    private final ActivityCodec codec;

    public ObjectEndpoint(AnnouncementService announcements, AnnouncementMapper mapper, LocalActors actors, ActivityCodec codec) {
        this.announcements = announcements;
        this.mapper = mapper;
        this.actors = actors;
        this.codec = codec;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/announcements/{id}", (req, res) -> announcement(req, res, false))
                .get("/announcements/{id}/activity", (req, res) -> announcement(req, res, true));
    }

    private void announcement(ServerRequest req, ServerResponse res, boolean activity) {
        Announcement a;
        try {
            a = announcements.find(AnnouncementId.parse(req.path().pathParameters().get("id")))
                    .orElseThrow(() -> new NotFoundException("No such announcement."));
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("No such announcement.");
        }
        if (!ActivityJson.wanted(req)) {
            res.status(Status.SEE_OTHER_303).header(HeaderNames.LOCATION, "/").send();
            return;
        }
        String slug = actors.branch().orElseThrow(() -> new NotFoundException("No branch.")).branch().slug();
        ActivityJson.send(res, codec.write(activity ? mapper.create(a, slug) : mapper.object(a, slug)));
    }
}
