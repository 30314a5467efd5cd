package org.branchwork.node.service;

import java.net.URI;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.branchwork.node.domain.BranchEvent;
import org.branchwork.node.domain.EventCategory;
import org.branchwork.node.domain.EventId;
import org.branchwork.node.domain.EventPlace;
import org.branchwork.node.domain.JoinMode;

/**
 * An event as a form or the API gives it: text fields, checked into an {@link EventDraft} or a
 * list of {@link FieldError}s naming each problem. Times are local to {@code timezone}
 * ({@code 2026-12-05T14:00}) or carry their own offset.
 */
public record EventInput(
        String name,
        String description,
        String start,
        String end,
        String timezone,
        String placeName,
        String placeAddress,
        String latitude,
        String longitude,
        String onlineUrl,
        String capacity,
        String joinMode,
        String category,
        String campaign) {

    /** A checked event, ready to store. */
    public record EventDraft(
            String name,
            String markdown,
            Instant start,
            Instant end,
            ZoneId zone,
            EventPlace place,
            URI onlineUrl,
            Integer capacity,
            JoinMode joinMode,
            EventCategory category,
            URI campaign) {

        /** The event this draft describes, with its id and where it stands (rendered from its Markdown). */
        public BranchEvent event(EventId id, boolean cancelled, Instant published, Instant updated) {
            return new BranchEvent(
                    id,
                    name,
                    markdown,
                    HtmlContent.fromMarkdown(markdown),
                    start,
                    end,
                    zone,
                    place,
                    onlineUrl,
                    capacity,
                    joinMode,
                    category,
                    campaign,
                    cancelled,
                    published,
                    updated,
                    null);
        }
    }

    /** The draft, or the errors (never both). */
    public record Checked(EventDraft draft, List<FieldError> errors) {}

    public Checked check() {
        List<FieldError> errors = new ArrayList<>();
        String n = trim(name);
        if (n == null || n.length() > 200) {
            errors.add(new FieldError("name", "An event needs a name of 1 to 200 characters."));
        }
        String text = trim(description) == null ? "" : description.strip();
        if (text.length() > AnnouncementService.MAX_CONTENT) {
            errors.add(new FieldError(
                    "content", "The description may be at most " + AnnouncementService.MAX_CONTENT + " characters."));
        }
        ZoneId zone = null;
        try {
            zone = ZoneId.of(trim(timezone) == null ? "" : timezone.strip());
        } catch (DateTimeException e) {
            errors.add(new FieldError("timezone", "The time zone must be an IANA name such as Europe/London."));
        }
        Instant from = time(start, zone, "startTime", errors);
        Instant to = time(end, zone, "endTime", errors);
        if (from != null && to != null && to.isBefore(from)) {
            errors.add(new FieldError("endTime", "The event cannot end before it starts."));
        }
        EventPlace place = null;
        if (trim(placeName) != null || trim(placeAddress) != null) {
            Double lat = coordinate(latitude, 90, "latitude", errors);
            Double lon = coordinate(longitude, 180, "longitude", errors);
            place = new EventPlace(cut(trim(placeName), 200), cut(trim(placeAddress), 500), lat, lon);
        }
        URI online = null;
        if (trim(onlineUrl) != null) {
            online = httpUrl(onlineUrl, "onlineUrl", errors);
        }
        if (place == null && online == null) {
            errors.add(new FieldError("location", "Give a place (name or address), an online link, or both."));
        }
        Integer cap = null;
        if (trim(capacity) != null) {
            try {
                cap = Integer.valueOf(capacity.strip());
                if (cap < 1 || cap > 1_000_000) {
                    errors.add(new FieldError(
                            "capacity", "Capacity must be a whole number from 1, or left empty for no limit."));
                }
            } catch (NumberFormatException e) {
                errors.add(new FieldError(
                        "capacity", "Capacity must be a whole number from 1, or left empty for no limit."));
            }
        }
        JoinMode mode = trim(joinMode) == null
                ? JoinMode.FREE
                : JoinMode.fromCode(joinMode.strip()).orElse(null);
        if (mode == null) {
            errors.add(new FieldError("joinMode", "joinMode must be free or restricted."));
        }
        EventCategory cat = trim(category) == null
                ? EventCategory.MEETING
                : EventCategory.fromCode(category.strip().toLowerCase(java.util.Locale.ROOT))
                        .orElse(null);
        if (cat == null) {
            errors.add(new FieldError(
                    "category", "category must be one of rally, meeting, canvassing, social, consultation, training."));
        }
        URI camp = trim(campaign) == null ? null : httpUrl(campaign, "campaign", errors);
        if (!errors.isEmpty()) {
            return new Checked(null, List.copyOf(errors));
        }
        return new Checked(new EventDraft(n, text, from, to, zone, place, online, cap, mode, cat, camp), List.of());
    }

    private static Instant time(String value, ZoneId zone, String field, List<FieldError> errors) {
        String v = trim(value);
        if (v == null) {
            errors.add(new FieldError(field, field + " is required (for example 2026-12-05T14:00)."));
            return null;
        }
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                LocalDateTime local = LocalDateTime.parse(v);
                if (zone == null) {
                    return null; // a bad zone is reported on its own
                }
                Optional<String> clockChange = clockChange(local, zone, label(field));
                if (clockChange.isPresent()) {
                    errors.add(new FieldError(field, clockChange.get()));
                    return null;
                }
                return local.atZone(zone).toInstant();
            } catch (DateTimeParseException e) {
                errors.add(new FieldError(field, field + " must be a date and time such as 2026-12-05T14:00."));
                return null;
            }
        }
    }

    /**
     * A wall-clock time the clocks skip (spring forward) or show twice (fall back) is reported,
     * not moved: java.time would quietly shift a skipped time by an hour, or pick the first of
     * two. With an explicit offset (2026-10-25T01:30+00:00, API) the time is exact and taken.
     */
    static Optional<String> clockChange(LocalDateTime local, ZoneId zone, String what) {
        java.time.zone.ZoneOffsetTransition t = zone.getRules().getTransition(local);
        if (t == null) {
            return Optional.empty();
        }
        String when = TIME.format(local);
        String change = "the clocks change at " + HOUR.format(t.getDateTimeBefore()) + " ("
                + ZONE_NAME.format(t.getInstant().minusSeconds(1).atZone(zone)) + " to "
                + ZONE_NAME.format(t.getInstant().atZone(zone)) + ")";
        return Optional.of(
                t.isGap()
                        ? what + ": " + when + " does not exist in " + zone.getId() + ", as " + change
                                + ". Choose a time before " + HOUR.format(t.getDateTimeBefore()) + " or from "
                                + HOUR.format(t.getDateTimeAfter()) + "."
                        : what + ": " + when + " happens twice in " + zone.getId() + ", as " + change
                                + ". Choose a time outside " + HOUR.format(t.getDateTimeAfter()) + " to "
                                + HOUR.format(t.getDateTimeBefore()) + ", or give the offset through the API.");
    }

    private static final java.time.format.DateTimeFormatter TIME =
            java.time.format.DateTimeFormatter.ofPattern("HH:mm 'on' EEEE d MMMM yyyy", java.util.Locale.UK);
    private static final java.time.format.DateTimeFormatter ZONE_NAME =
            java.time.format.DateTimeFormatter.ofPattern("zzz", java.util.Locale.UK);
    private static final java.time.format.DateTimeFormatter HOUR =
            java.time.format.DateTimeFormatter.ofPattern("HH:mm", java.util.Locale.UK);

    private static String label(String field) {
        return field.equals("endTime") ? "Ends" : "Starts";
    }

    private static Double coordinate(String value, double limit, String field, List<FieldError> errors) {
        if (trim(value) == null) {
            return null;
        }
        try {
            double d = Double.parseDouble(value.strip());
            if (Math.abs(d) <= limit) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(
                new FieldError(field, field + " must be a number from -" + (int) limit + " to " + (int) limit + "."));
        return null;
    }

    private static URI httpUrl(String value, String field, List<FieldError> errors) {
        try {
            URI u = new URI(value.strip());
            if (("https".equalsIgnoreCase(u.getScheme()) || "http".equalsIgnoreCase(u.getScheme()))
                    && u.getHost() != null
                    && value.length() <= 2048) {
                return u;
            }
        } catch (java.net.URISyntaxException e) {
            // reported below
        }
        errors.add(new FieldError(field, field + " must be an http(s) link."));
        return null;
    }

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
