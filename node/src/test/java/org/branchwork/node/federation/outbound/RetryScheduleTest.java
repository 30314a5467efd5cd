package org.branchwork.node.federation.outbound;

import java.time.Duration;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RetryScheduleTest {

    @Test
    void retriesSpanAtLeastFortyEightHoursBeforeTheDeadLetter() {
        Duration total = Duration.ZERO;
        for (int failure = 1; failure < RetrySchedule.MAX_ATTEMPTS; failure++) {
            total = total.plus(RetrySchedule.nominalDelayAfter(failure));
        }

        assertThat(total).isGreaterThanOrEqualTo(Duration.ofHours(48)).isLessThan(Duration.ofHours(72));
    }

    @Test
    void delaysDoubleFromTheFirstAndStopAtTwelveHours() {
        assertThat(RetrySchedule.nominalDelayAfter(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(RetrySchedule.nominalDelayAfter(2)).isEqualTo(Duration.ofMinutes(1));
        assertThat(RetrySchedule.nominalDelayAfter(5)).isEqualTo(Duration.ofMinutes(8));
        assertThat(RetrySchedule.nominalDelayAfter(13)).isEqualTo(Duration.ofHours(12));
        assertThat(RetrySchedule.nominalDelayAfter(40)).isEqualTo(Duration.ofHours(12));
    }

    @Test
    void jitterAddsAtMostTenPercent() {
        RetrySchedule schedule = new RetrySchedule(new Random(42), Duration.ofSeconds(30));
        for (int i = 0; i < 100; i++) {
            Duration d = schedule.delayAfter(3);
            assertThat(d).isBetween(Duration.ofMinutes(2), Duration.ofMinutes(2).plusSeconds(12));
        }
    }
}
