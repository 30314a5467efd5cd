package org.branchwork.protocol.vocab;

import java.time.Instant;

/**
 * A Mobilizon-compatible {@code Event}.
 *
 * @param startTime                 when it starts
 * @param endTime                   when it ends, or null
 * @param timezone                  IANA zone name (Mobilizon's {@code mz:timezone}), or null
 * @param location                  a {@link Place}, usually embedded, or null
 * @param online                    Mobilizon's {@code isOnline}, or null
 * @param joinMode                  {@code free}, {@code restricted} or {@code invite}, or null
 * @param maximumAttendeeCapacity   capacity (0 means unlimited for Mobilizon), or null
 * @param remainingAttendeeCapacity places left, or null
 * @param participantCount          participants so far, or null
 * @param status                    {@code ical:status}: {@code CONFIRMED}, {@code TENTATIVE} or {@code CANCELLED}
 * @param category                  Mobilizon's category, e.g. {@code MEETING}
 */
public record Event(
        ObjectCore core,
        Instant startTime,
        Instant endTime,
        String timezone,
        Ref location,
        Boolean online,
        String joinMode,
        Integer maximumAttendeeCapacity,
        Integer remainingAttendeeCapacity,
        Integer participantCount,
        String status,
        String category)
        implements AsObject {}
