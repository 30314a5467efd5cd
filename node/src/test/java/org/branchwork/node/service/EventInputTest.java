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

    @Test
    void aTimeTheClocksSkipOrShowTwiceIsReportedNotMoved() {
        // 2027-03-28: London's clocks go from 01:00 GMT to 02:00 BST; 01:30 never happens.
        EventInput.Checked gap = input(
                        "2027-03-28T01:30", "2027-03-28T03:00", "Europe/London", "Hall", null, null, null)
                .check();
        assertThat(gap.errors())
                .extracting(FieldError::field, FieldError::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        "startTime",
                        "Starts: 01:30 on Sunday 28 March 2027 does not exist in Europe/London, as the clocks change"
                                + " at 01:00 (GMT to BST). Choose a time before 01:00 or from 02:00."));

        // 2027-10-31: from 02:00 BST back to 01:00 GMT; 01:30 happens twice.
        EventInput.Checked overlap = input(
                        "2027-10-30T22:00", "2027-10-31T01:30", "Europe/London", "Hall", null, null, null)
                .check();
        assertThat(overlap.errors()).extracting(FieldError::field).containsExactly("endTime");
        assertThat(overlap.errors().getFirst().message())
                .startsWith("Ends: 01:30 on Sunday 31 October 2027 happens twice");

        EventInput.Checked exact = input(
                        "2027-10-31T01:30+00:00", "2027-10-31T03:00+00:00", "Europe/London", "Hall", null, null, null)
                .check();
        assertThat(exact.errors())
                .as("an explicit offset says which of the two")
                .isEmpty();
        assertThat(exact.draft().start()).isEqualTo(Instant.parse("2027-10-31T01:30:00Z"));
    }
}
