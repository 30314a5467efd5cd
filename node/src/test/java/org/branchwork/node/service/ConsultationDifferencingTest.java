package org.branchwork.node.service;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** No branch's own result can be worked out by taking the shown branches from the total. */
class ConsultationDifferencingTest {

    private static ConsultationNetwork.BranchFigures branch(String name, long ballots, boolean shown) {
        return new ConsultationNetwork.BranchFigures(
                URI.create("https://" + name + ".example/groups/" + name),
                ballots,
                ballots,
                shown ? List.of(ballots, 0L) : null,
                !shown,
                null,
                true);
    }

    private static List<String> shown(List<ConsultationNetwork.BranchFigures> figures) {
        return ConsultationNetwork.withoutDifferencing(figures).stream()
                .filter(f -> f.totals() != null)
                .map(f -> f.actor().getHost())
                .toList();
    }

    @Test
    void oneSmallBranchHiddenAloneTakesTheNextSmallestWithIt() {
        assertThat(shown(List.of(branch("leeds", 4, false), branch("stockport", 12, true), branch("bolton", 14, true))))
                .containsExactly("bolton.example");
    }

    @Test
    void hiddenBranchesThatTogetherHoldFiveBallotsNeedNoCompany() {
        assertThat(shown(List.of(branch("leeds", 3, false), branch("wigan", 2, false), branch("stockport", 12, true))))
                .containsExactly("stockport.example");
        assertThat(shown(List.of(branch("stockport", 12, true), branch("bolton", 14, true))))
                .as("nothing hidden, nothing to give away")
                .hasSize(2);
        assertThat(shown(List.of(branch("leeds", 0, false), branch("stockport", 12, true))))
                .as("a branch with no ballots has no result to give away")
                .containsExactly("stockport.example");
    }

    @Test
    void whenEveryOtherBranchWouldGoTheyAllGo() {
        assertThat(shown(List.of(branch("leeds", 1, false), branch("stockport", 3, false), branch("bolton", 6, true))))
                .isEmpty();
    }
}
