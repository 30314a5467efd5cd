package org.branchwork.node.service;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.branchwork.node.TestClock;
import org.branchwork.node.domain.Campaign;
import org.branchwork.node.domain.CampaignStanding;
import org.branchwork.node.storage.CampaignStore;
import org.branchwork.node.testing.MemoryDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/** Editing a campaign's goals keeps what branches reported on each, under the goal's name. */
class CampaignServiceTest {

    private static final Acting ORGANISER = Acting.apiToken();
    private static final URI BRANCH = URI.create("https://stockport.example/branch");

    @RegisterExtension
    final MemoryDatabase db = new MemoryDatabase();

    private final CampaignService campaigns = new CampaignService(
            db.transactions(),
            new CampaignStore(),
            (c, change) -> Optional.of(URI.create("https://national.example/activities/1")),
            () -> {},
            TestClock.startingNow());

    @Test
    void reportsFollowTheirGoalWhenGoalsAreReorderedAndGoWithARemovedOne() {
        Campaign k = campaigns
                .create(ORGANISER, brief(List.of(reported("Stalls"), reported("Leaflets"))))
                .campaign();
        campaigns.branchJoined(
                k.id(),
                BRANCH,
                "Stockport",
                URI.create("https://stockport.example/inbox"),
                URI.create("https://stockport.example/activities/join-1"));
        campaigns.progressReported(k.id(), BRANCH, "Stalls", 3);
        campaigns.progressReported(k.id(), BRANCH, "Leaflets", 500);

        campaigns.edit(ORGANISER, k.id(), brief(List.of(reported("Leaflets"), reported("Stalls"))));
        assertThat(progress(k)).containsExactly("Leaflets=500", "Stalls=3");

        campaigns.edit(ORGANISER, k.id(), brief(List.of(reported("Stalls"), reported("Doors knocked"))));
        assertThat(progress(k))
                .as("the removed goal's reports go; a new goal starts at nothing")
                .containsExactly("Stalls=3", "Doors knocked=0");
    }

    private List<String> progress(Campaign k) {
        CampaignStanding s = campaigns.standing(k.id()).orElseThrow();
        return s.goals().stream()
                .map(g -> g.goal().label() + "=" + g.progress())
                .toList();
    }

    private static CampaignInput.GoalInput reported(String name) {
        return new CampaignInput.GoalInput(name, "1000", "reported");
    }

    private static CampaignInput brief(List<CampaignInput.GoalInput> goals) {
        return new CampaignInput(
                "Warm homes", null, "Insulate.", null, null, "2030-01-01", "2030-03-31", goals, List.of(), List.of());
    }
}
