package org.branchwork.node.service;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.branchwork.node.domain.Campaign;
import org.branchwork.node.domain.CampaignId;
import org.branchwork.node.domain.EventCategory;

/** A campaign as the API or a form gives it, checked into its parts or a list of {@link FieldError}s. */
public record CampaignInput(
        String title,
        String summary,
        String content,
        String callToAction,
        String hashtag,
        String startDate,
        String endDate,
        List<GoalInput> goals,
        List<ResourceInput> resources,
        List<String> suggestedCategories) {

    /** A goal as given: {@code metric} is events, participants, attended or reported. */
    public record GoalInput(String name, String target, String metric) {}

    public record ResourceInput(String name, String url) {}

    /** The checked campaign parts, or the errors. */
    public record Checked(
            String title,
            String summary,
            String markdown,
            String callToAction,
            String hashtag,
            LocalDate startsOn,
            LocalDate endsOn,
            List<Campaign.Goal> goals,
            List<Campaign.Resource> resources,
            List<EventCategory> suggested,
            List<FieldError> errors) {

        /** The campaign this checked brief describes, with its id and where it stands (rendered from its Markdown). */
        public Campaign campaign(CampaignId id, boolean ended, Instant published, Instant updated) {
            return new Campaign(
                    id,
                    title,
                    summary,
                    markdown,
                    HtmlContent.fromMarkdown(markdown),
                    callToAction,
                    hashtag,
                    suggested,
                    startsOn,
                    endsOn,
                    ended,
                    goals,
                    resources,
                    published,
                    updated);
        }

        public boolean valid() {
            return errors.isEmpty();
        }
    }

    public Checked check() {
        List<FieldError> errors = new ArrayList<>();
        String t = trim(title);
        if (t == null || t.length() > 200) {
            errors.add(new FieldError("title", "A campaign needs a title of 1 to 200 characters."));
        }
        String s = trim(summary);
        if (s != null && s.length() > 1000) {
            errors.add(new FieldError("summary", "The summary may be at most 1,000 characters."));
        }
        String body = content == null ? "" : content.strip();
        if (body.length() > AnnouncementService.MAX_CONTENT) {
            errors.add(new FieldError(
                    "content", "The brief may be at most " + AnnouncementService.MAX_CONTENT + " characters."));
        }
        String cta = trim(callToAction);
        if (cta != null && cta.length() > 500) {
            errors.add(new FieldError("callToAction", "The call to action may be at most 500 characters."));
        }
        String tag = trim(hashtag) == null ? null : hashtag.strip().replaceFirst("^#", "");
        if (tag != null && !tag.matches("[\\p{L}\\p{N}_]{1,100}")) {
            errors.add(
                    new FieldError("hashtag", "The hashtag is one word of letters, digits or _ (the # is optional)."));
        }
        LocalDate from = date(startDate, "startDate", errors);
        LocalDate to = date(endDate, "endDate", errors);
        if (from != null && to != null && to.isBefore(from)) {
            errors.add(new FieldError("endDate", "The campaign cannot end before it starts."));
        }
        List<Campaign.Goal> checkedGoals = new ArrayList<>();
        for (GoalInput g : goals == null ? List.<GoalInput>of() : goals) {
            String label = trim(g.name());
            Optional<Campaign.Metric> metric = Campaign.Metric.fromCode(
                    g.metric() == null ? "reported" : g.metric().strip().toLowerCase(Locale.ROOT));
            int target;
            try {
                target = Integer.parseInt(g.target() == null ? "" : g.target().strip());
            } catch (NumberFormatException e) {
                target = -1;
            }
            if (label == null || label.length() > 200 || target < 1 || metric.isEmpty()) {
                errors.add(new FieldError(
                        "goals",
                        "Each goal needs a name, a target of at least 1, and a metric "
                                + "(events, participants, attended or reported)."));
                break;
            }
            checkedGoals.add(new Campaign.Goal(label, target, metric.get()));
        }
        List<Campaign.Resource> checkedResources = new ArrayList<>();
        for (ResourceInput r : resources == null ? List.<ResourceInput>of() : resources) {
            try {
                URI u = new URI(r.url() == null ? "" : r.url().strip());
                if (trim(r.name()) == null || !("https".equals(u.getScheme()) || "http".equals(u.getScheme()))) {
                    throw new java.net.URISyntaxException(String.valueOf(r.url()), "not an http(s) link");
                }
                checkedResources.add(new Campaign.Resource(r.name().strip(), u));
            } catch (java.net.URISyntaxException e) {
                errors.add(new FieldError("resources", "Each resource needs a name and an http(s) link."));
                break;
            }
        }
        List<EventCategory> categories = new ArrayList<>();
        for (String c : suggestedCategories == null ? List.<String>of() : suggestedCategories) {
            Optional<EventCategory> cat =
                    EventCategory.fromCode(c == null ? "" : c.strip().toLowerCase(Locale.ROOT));
            if (cat.isEmpty()) {
                errors.add(new FieldError(
                        "suggestedCategories",
                        "Categories are rally, meeting, canvassing, social, consultation or training."));
                break;
            }
            categories.add(cat.get());
        }
        return new Checked(
                t, s, body, cta, tag, from, to, checkedGoals, checkedResources, categories, List.copyOf(errors));
    }

    private static LocalDate date(String value, String field, List<FieldError> errors) {
        try {
            return LocalDate.parse(value == null ? "" : value.strip());
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, field + " must be a date such as 2027-03-01."));
            return null;
        }
    }

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
