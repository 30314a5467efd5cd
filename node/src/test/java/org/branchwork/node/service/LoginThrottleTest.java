package org.branchwork.node.service;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.branchwork.node.TestClock;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-address limit is the operator's; the per-account one stays, whatever it is. */
class LoginThrottleTest {

    @Test
    void anAddressGetsItsLimitPerFiveMinutesThenWaitsAndEachAccountStillHas25AnHour() {
        TestClock clock = TestClock.startingNow();
        LoginThrottle throttle = new LoginThrottle(clock, 40);
        for (int i = 0; i < 40; i++) {
            assertThat(throttle.attempt("192.0.2.7", "member" + i + "@example.org"))
                    .as("attempt %d", i)
                    .isEmpty();
        }
        assertThat(throttle.attempt("192.0.2.7", "late@example.org"))
                .hasValueSatisfying(wait -> assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(5)));
        assertThat(throttle.attempt("198.51.100.1", "late@example.org"))
                .as("another address")
                .isEmpty();
        clock.advance(Duration.ofMinutes(5));
        assertThat(throttle.attempt("192.0.2.7", "late@example.org")).isEmpty();

        LoginThrottle meeting = new LoginThrottle(clock, 1000);
        for (int i = 0; i < 25; i++) {
            assertThat(meeting.attempt("192.0.2.8", "ann@example.org")).isEmpty();
        }
        assertThat(meeting.attempt("192.0.2.8", "ann@example.org"))
                .as("one account, 25 an hour")
                .isPresent();
    }
}
