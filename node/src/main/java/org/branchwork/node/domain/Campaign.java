package org.branchwork.node.domain;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A shared campaign this node publishes: the brief (title, summary, Markdown body rendered to
 * sanitised HTML, call to action), its dates, goals, resources, hashtag and the event categories
 * it suggests. Branches adopt it on their own nodes; what they do arrives as signed activities.
 */
public record Campaign(
        CampaignId id,
        String title,
        String summary,
        String markdown,
        String content,
        String callToAction,
        String hashtag,
        List<EventCategory> suggested,
        LocalDate startsOn,
        LocalDate endsOn,
        boolean ended,
        List<Goal> goals,
        List<Resource> resources,
        Instant published,
        Instant updated) {

    public Campaign {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        suggested = List.copyOf(suggested);
        goals = List.copyOf(goals);
        resources = List.copyOf(resources);
    }

    /**
     * What a goal counts: linked events, their participants (RSVPs), those who were checked in at
     * them once they were over ({@code attended}), or what branches report.
     */
    public enum Metric {
        EVENTS,
        PARTICIPANTS,
        REPORTED,
        ATTENDED;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Metric> fromCode(String code) {
            for (Metric m : values()) {
                if (m.code().equals(code)) {
                    return Optional.of(m);
                }
            }
            return Optional.empty();
        }
    }

    /** "50 street stalls": a label, a target and what counts towards it. */
    public record Goal(String label, int target, Metric metric) {}

    /** A link for branches: leaflets, briefings, sign-up sheets. */
    public record Resource(String name, URI url) {}
}
