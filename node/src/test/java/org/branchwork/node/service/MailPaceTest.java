package org.branchwork.node.service;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MailPaceTest {

    private static final long SECOND = 1_000_000;

    @Test
    void mailsAskedForAtOnceAreSpreadOneIntervalApart() {
        MailPace pace = new MailPace(3600); // one a second
        assertThat(pace.take(0)).isZero();
        assertThat(pace.take(0)).isEqualTo(SECOND);
        assertThat(pace.take(0)).isEqualTo(2 * SECOND);
        // Half a second on, the fourth waits for its slot at three seconds.
        assertThat(pace.take(SECOND / 2)).isEqualTo(2 * SECOND + SECOND / 2);
    }

    @Test
    void aQuietSpellBuildsUpNoBurst() {
        MailPace pace = new MailPace(60); // one a minute
        assertThat(pace.take(0)).isZero();
        long hourLater = 3600 * SECOND;
        assertThat(pace.take(hourLater))
                .as("the first after a quiet hour goes at once")
                .isZero();
        assertThat(pace.take(hourLater))
                .as("but the one after it still waits its minute")
                .isEqualTo(60 * SECOND);
    }

    @Test
    void noCapMeansNoWait() {
        MailPace pace = new MailPace(0);
        for (int i = 0; i < 1000; i++) {
            assertThat(pace.take(0)).isZero();
        }
    }
}
