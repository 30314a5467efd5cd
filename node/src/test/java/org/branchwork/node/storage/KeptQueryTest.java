package org.branchwork.node.storage;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KeptQueryTest {

    private static final URI ACTOR = URI.create("https://national.example/groups/national");

    private final Database db = Database.open("jdbc:hsqldb:mem:" + UUID.randomUUID(), Path.of("mem"));
    private final FollowStore follows = new FollowStore();
    private final KeptQuery accepted = db.keep(FollowStore.ACCEPTED_FOLLOWING);

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void eachCallSeesWhatWasCommittedBeforeItThoughTheStatementWasPreparedEarlier() {
        assertThat(follows.acceptedFollowing(accepted, ACTOR))
                .as("not followed yet")
                .isFalse();

        db.transactions().inTransaction(c -> {
            follows.addFollowing(
                    c,
                    new FollowStore.Following(
                            ACTOR,
                            URI.create(ACTOR + "/inbox"),
                            URI.create("https://branch.example/follows/1"),
                            "pending"),
                    Instant.now());
            return null;
        });
        assertThat(follows.acceptedFollowing(accepted, ACTOR))
                .as("pending is not accepted")
                .isFalse();

        db.transactions()
                .inTransaction(c -> follows.setFollowingState(
                        c, URI.create("https://branch.example/follows/1"), ACTOR, "accepted", Instant.now()));
        assertThat(follows.acceptedFollowing(accepted, ACTOR))
                .as("the Accept, as soon as it commits")
                .isTrue();

        db.transactions().inTransaction(c -> follows.removeFollowing(c, ACTOR));
        assertThat(follows.acceptedFollowing(accepted, ACTOR)).as("unfollowed").isFalse();
    }

    @Test
    void closedItOpensAnotherConnectionWhenAskedAgain() {
        assertThat(follows.acceptedFollowing(accepted, ACTOR)).isFalse();
        accepted.close();
        assertThat(follows.acceptedFollowing(accepted, ACTOR)).isFalse();
    }
}
