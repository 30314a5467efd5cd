package org.branchwork.node.service;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EventInputTest {

    private static EventInput input(
            String start, String end, String zone, String place, String online, String capacity, String mode) {
        return new EventInput(
                "Meeting", "Agenda", start, end, zone, place, null, null, null, online, capacity, mode, "meeting",
                null);
    }

    @Test
    void localTimesAreReadInTheEventsOwnZone() {
        EventInput.Checked c = input(
                        "2027-07-01T19:00", "2027-07-01T21:00", "Europe/London", "Library", null, "30", "restricted")
                .check();
        assertThat(c.errors()).isEmpty();
        // British Summer Time: 19:00 in London is 18:00 UTC.
        assertThat(c.draft().start()).isEqualTo(Instant.parse("2027-07-01T18:00:00Z"));
        assertThat(c.draft().capacity()).isEqualTo(30);
        assertThat(c.draft().joinMode().code()).isEqualTo("restricted");
    }

    @Test
    void everyProblemIsNamedByItsField() {
        EventInput.Checked c = input("tomorrow", "2027-07-01T21:00", "Mars/Olympus", null, "ftp://x", "0", "invite")
                .check();
        assertThat(c.draft()).isNull();
        assertThat(c.errors())
                .extracting(FieldError::field)
                .contains("timezone", "startTime", "onlineUrl", "capacity", "joinMode");
    }

    @Test
    void anEventNeedsAPlaceOrALinkAndCannotEndBeforeItStarts() {
        EventInput.Checked c = input("2027-07-01T21:00", "2027-07-01T19:00", "Europe/London", null, null, null, null)
                .check();
        assertThat(c.errors()).extracting(FieldError::field).containsExactlyInAnyOrder("endTime", "location");
    }
}
