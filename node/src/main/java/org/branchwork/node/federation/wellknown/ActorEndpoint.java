package org.branchwork.node.federation.wellknown;

import java.util.List;
import java.util.Optional;

import io.helidon.http.HeaderNames;
import io.helidon.http.NotFoundException;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.branchwork.node.federation.local.ActivityJson;
import org.branchwork.node.federation.local.LocalActors;
import org.branchwork.node.federation.local.LocalActors.BranchActor;
import org.branchwork.node.federation.mapping.ActorMapper;
import org.branchwork.node.http.LocalUris;
import org.branchwork.node.storage.FollowStore;
import org.branchwork.node.storage.Transactions;
import org.branchwork.protocol.jsonld.ActivityCodec;
import org.branchwork.protocol.vocab.Collection;
import org.branchwork.protocol.vocab.ObjectCore;

/**
 * The actors' documents: {@code /groups/{slug}} (the branch) and {@code /actor} (the instance), and
 * the branch's collections. The same URL answers ActivityStreams JSON to federating servers and
 * sends browsers to the HTML page.
 */
public final class ActorEndpoint implements HttpService {

    private final LocalActors actors;
    private final ActorMapper mapper;
    private final LocalUris uris;
    private final ActivityCodec codec;
    private final Transactions tx;
    private final FollowStore follows;
    private final java.util.function.BooleanSupplier manualApproval;

    public ActorEndpoint(
            LocalActors actors,
            ActorMapper mapper,
            LocalUris uris,
            ActivityCodec codec,
            Transactions tx,
            FollowStore follows,
            java.util.function.BooleanSupplier manualApproval) {
        this.manualApproval = manualApproval;
        this.actors = actors;
        this.mapper = mapper;
        this.uris = uris;
        this.codec = codec;
        this.tx = tx;
        this.follows = follows;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/actor", this::instance)
                .get("/groups/{slug}", this::branch)
                .get("/groups/{slug}/followers", (req, res) -> collection(req, res, "followers"))
                .get("/groups/{slug}/following", (req, res) -> collection(req, res, "following"))
                .get("/groups/{slug}/outbox", (req, res) -> collection(req, res, "outbox"))
                .get("/people/{handle}", this::person);
    }

    private void person(ServerRequest req, ServerResponse res) {
        String handle = req.path().pathParameters().get("handle");
        var person = actors.person(handle);
        if (person.isEmpty()) {
            // A withdrawn profile is gone for good; peers drop what they cached of it.
            throw new io.helidon.http.HttpException(
                    "No public profile " + handle + " on this node.", Status.GONE_410, true);
        }
        if (!ActivityJson.wanted(req)) {
            redirectHome(res);
            return;
        }
        ActivityJson.send(res, codec.write(mapper.person(person.get())));
    }

    private void instance(ServerRequest req, ServerResponse res) {
        if (!ActivityJson.wanted(req)) {
            redirectHome(res);
            return;
        }
        ActivityJson.send(res, codec.write(mapper.instance(actors.instanceKeys())));
    }

    private void branch(ServerRequest req, ServerResponse res) {
        BranchActor actor = branchNamed(req);
        if (!ActivityJson.wanted(req)) {
            redirectHome(res);
            return;
        }
        ActivityJson.send(res, codec.write(mapper.branchGroup(actor, manualApproval.getAsBoolean())));
    }

    private void collection(ServerRequest req, ServerResponse res, String name) {
        BranchActor actor = branchNamed(req);
        String slug = actor.branch().slug();
        var id = switch (name) {
            case "followers" -> uris.branchFollowers(slug);
            case "following" -> uris.branchFollowing(slug);
            default -> uris.branchOutbox(slug);
        };
        long total = switch (name) {
            case "followers" -> tx.inTransaction(follows::followerCount);
            case "following" -> tx.inTransaction(follows::followingCount);
            default -> 0L;
        };
        // Counts only: who follows a branch is not published (see SPEC: subscriptions stay private).
        Collection collection =
                new Collection(ObjectCore.of(id, "OrderedCollection"), true, total, null, null, List.of());
        ActivityJson.send(res, codec.write(collection));
    }

    private BranchActor branchNamed(ServerRequest req) {
        String slug = req.path().pathParameters().get("slug");
        Optional<BranchActor> actor =
                actors.branch().filter(a -> a.branch().slug().equals(slug));
        return actor.orElseThrow(() -> new NotFoundException("No branch " + slug + " on this node."));
    }

    private static void redirectHome(ServerResponse res) {
        res.status(Status.SEE_OTHER_303)
                .header(HeaderNames.LOCATION, "/")
                .header(HeaderNames.VARY, "Accept")
                .send();
    }
}
