package org.branchwork.node.service;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.branchwork.node.domain.Consultation;
import org.branchwork.node.domain.ConsultationId;
import org.branchwork.node.domain.MemberId;
import org.branchwork.node.domain.VotingMethod;

/**
 * Checking what an organiser typed for a new consultation, and what a member marked on a ballot.
 * Each problem is a {@link FieldError} naming the field in words the form and the API share.
 */
public final class ConsultationInput {

    public static final int MAX_TITLE = 200;
    public static final int MAX_CONTENT = 65_536;
    public static final int MAX_OPTIONS = 50;
    public static final int MAX_OPTION = 200;

    /**
     * Every field as text. Times are instants ({@code 2026-05-01T09:00:00Z}) or, from a form, local
     * times in the branch's zone ({@code 2026-05-01T09:00}); the quorum is a share of the
     * electorate ({@code 0.25}).
     */
    public record Typed(
            String title,
            String content,
            List<String> options,
            String method,
            String maxChoices,
            String seats,
            String kind,
            String opensAt,
            String closesAt,
            String electorateCutoff,
            String quorum) {}

    private final ZoneId zone;
    private final Clock clock;

    ConsultationInput(ZoneId zone, Clock clock) {
        this.zone = zone;
        this.clock = clock;
    }

    /** The consultation the fields describe; null when {@code errors} got any. */
    Consultation check(Typed t, MemberId by, List<FieldError> errors) {
        String title = t.title() == null ? "" : t.title().strip();
        if (title.isEmpty()) {
            errors.add(new FieldError("title", "Give the consultation a title."));
        } else if (title.length() > MAX_TITLE || title.chars().anyMatch(Character::isISOControl)) {
            errors.add(new FieldError("title", "A title is one line of at most " + MAX_TITLE + " characters."));
        }
        String content = t.content() == null ? "" : t.content().replace("\r\n", "\n");
        if (content.isBlank()) {
            errors.add(new FieldError("content", "Write what the consultation is about."));
        } else if (content.length() > MAX_CONTENT) {
            errors.add(new FieldError("content", "The text is at most " + MAX_CONTENT + " characters."));
        }
        List<String> options = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String raw : t.options() == null ? List.<String>of() : t.options()) {
            String o = raw == null ? "" : raw.strip();
            if (o.isEmpty()) {
                continue;
            }
            if (o.length() > MAX_OPTION || o.chars().anyMatch(Character::isISOControl)) {
                errors.add(
                        new FieldError("options", "Each option is one line of at most " + MAX_OPTION + " characters."));
            } else if (!seen.add(o.toLowerCase(Locale.ROOT))) {
                errors.add(new FieldError("options", "The option '" + o + "' is there twice."));
            }
            options.add(o);
        }
        if (options.size() < 2 || options.size() > MAX_OPTIONS) {
            errors.add(new FieldError("options", "Give between 2 and " + MAX_OPTIONS + " options, one a line."));
        }
        VotingMethod method = method(t, options.size(), errors);
        Consultation.Kind kind = null;
        String k = t.kind() == null ? "" : t.kind().strip().toLowerCase(Locale.ROOT);
        if (k.equals("advisory") || k.equals("binding")) {
            kind = Consultation.Kind.fromCode(k);
        } else {
            errors.add(new FieldError(
                    "kind", "Say whether it is advisory (live results) or binding (results at the close)."));
        }
        Instant now = clock.instant();
        Instant opens = time(t.opensAt(), "opensAt", "opening", errors);
        if (opens == null) {
            opens = now;
        }
        Instant closes = time(t.closesAt(), "closesAt", "close", errors);
        if (closes == null && isBlank(t.closesAt())) {
            errors.add(new FieldError("closesAt", "Give the time the vote closes."));
        } else if (closes != null && !closes.isAfter(opens)) {
            errors.add(new FieldError("closesAt", "The close comes after the opening."));
        } else if (closes != null && !closes.isAfter(now)) {
            errors.add(new FieldError("closesAt", "The close is in the future."));
        }
        Instant cutoff = time(t.electorateCutoff(), "electorateCutoff", "cut-off", errors);
        if (cutoff == null) {
            cutoff = opens;
        } else if (cutoff.isAfter(opens)) {
            // The roll is frozen at the opening: a later cut-off would let it change while people vote.
            errors.add(new FieldError(
                    "electorateCutoff",
                    "The electorate's cut-off is at or before the opening, when the roll is fixed."));
        }
        Double quorum = null;
        if (!isBlank(t.quorum())) {
            try {
                quorum = Double.parseDouble(t.quorum().strip());
                if (!(quorum > 0 && quorum <= 1)) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                errors.add(new FieldError(
                        "quorum", "The quorum is a share of the electorate above 0 and at most 1, e.g. 0.25."));
            }
        }
        if (!errors.isEmpty()) {
            return null;
        }
        return new Consultation(
                ConsultationId.random(),
                title,
                content,
                options,
                method,
                kind,
                opens,
                closes,
                cutoff,
                quorum,
                by,
                now,
                null,
                null);
    }

    private static VotingMethod method(Typed t, int options, List<FieldError> errors) {
        String m = t.method() == null ? "" : t.method().strip().toLowerCase(Locale.ROOT);
        switch (m) {
            case "single":
                return new VotingMethod.Single();
            case "approval": {
                Integer max = whole(t.maxChoices(), "maxChoices", errors);
                int n = max == null ? Math.max(1, options) : max;
                if (n < 1 || (options >= 2 && n > options)) {
                    errors.add(new FieldError("maxChoices", "Members may choose from 1 up to the number of options."));
                    return null;
                }
                return new VotingMethod.Approval(n);
            }
            case "ranked": {
                Integer seats = whole(t.seats(), "seats", errors);
                int n = seats == null ? 1 : seats;
                if (n < 1 || (options >= 2 && n > options)) {
                    errors.add(new FieldError("seats", "Seats are from 1 up to the number of options."));
                    return null;
                }
                return new VotingMethod.Ranked(n);
            }
            default:
                errors.add(new FieldError("method", "The method is single, approval or ranked."));
                return null;
        }
    }

    private static Integer whole(String text, String field, List<FieldError> errors) {
        if (isBlank(text)) {
            return null;
        }
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            errors.add(new FieldError(field, "Give a whole number."));
            return -1;
        }
    }

    private Instant time(String text, String field, String what, List<FieldError> errors) {
        if (isBlank(text)) {
            return null;
        }
        String s = text.strip();
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(s).atZone(zone).toInstant();
            } catch (DateTimeParseException again) {
                errors.add(new FieldError(field, "Give the " + what + " as a date and time, e.g. 2026-05-01T09:00."));
                return null;
            }
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    /**
     * A ballot's choices as option positions in the stored order (as marked for ranked; ascending
     * for approval), or problems in words for the voter.
     */
    static List<Integer> ranking(Consultation k, List<String> choices, List<String> problems) {
        List<Integer> out = new ArrayList<>();
        for (String raw : choices == null ? List.<String>of() : choices) {
            String name = raw == null ? "" : raw.strip();
            if (name.isEmpty()) {
                continue;
            }
            int at = k.options().indexOf(name);
            if (at < 0) {
                problems.add("'" + name + "' is not one of the options.");
            } else if (out.contains(at)) {
                problems.add("'" + name + "' is marked twice.");
            } else {
                out.add(at);
            }
        }
        if (!problems.isEmpty()) {
            return out;
        }
        switch (k.method()) {
            case VotingMethod.Single s -> {
                if (out.size() != 1) {
                    problems.add("Choose one option.");
                }
            }
            case VotingMethod.Approval a -> {
                if (out.isEmpty()) {
                    problems.add("Choose at least one option.");
                } else if (out.size() > a.maxChoices()) {
                    problems.add("Choose at most " + a.maxChoices() + " options.");
                }
                out.sort(null);
            }
            case VotingMethod.Ranked r -> {
                if (out.isEmpty()) {
                    problems.add("Rank at least one option.");
                }
            }
        }
        return out;
    }
}
