package org.branchwork.node.web.pages;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.helidon.common.parameters.Parameters;

import org.branchwork.node.domain.Campaign;
import org.branchwork.node.domain.EventCategory;
import org.branchwork.node.service.CampaignInput;
import org.branchwork.node.service.FieldError;
import org.branchwork.node.web.Forms;
import org.branchwork.node.web.view.CampaignFormView;
import org.branchwork.node.web.view.Choice;
import org.branchwork.node.web.view.FormView;

/**
 * The campaign form's fields, read into a {@link CampaignInput} and shown again: as typed when
 * it is refused (nothing is lost), or as a campaign has them when it is edited. Goals and
 * resources come in numbered rows; at least {@link #ROWS} of each are offered, and one more
 * than a campaign already has.
 */
final class CampaignForm {

    static final int ROWS = 3;
    private static final int MAX_ROWS = 50;
    private static final List<String> PLAIN =
            List.of("title", "summary", "content", "callToAction", "hashtag", "startDate", "endDate");

    private CampaignForm() {}

    /** What was posted, as the service checks it: rows left wholly empty are not there. */
    static CampaignInput input(Parameters f) {
        List<CampaignInput.GoalInput> goals = new ArrayList<>();
        List<CampaignInput.ResourceInput> resources = new ArrayList<>();
        for (int i = 1; i <= MAX_ROWS; i++) {
            String name = Forms.field(f, "goalName" + i);
            String target = Forms.field(f, "goalTarget" + i);
            if (!name.isBlank() || !target.isBlank()) {
                goals.add(new CampaignInput.GoalInput(name, target, Forms.field(f, "goalMetric" + i)));
            }
            String resource = Forms.field(f, "resourceName" + i);
            String url = Forms.field(f, "resourceUrl" + i);
            if (!resource.isBlank() || !url.isBlank()) {
                resources.add(new CampaignInput.ResourceInput(resource, url));
            }
        }
        return new CampaignInput(
                Forms.field(f, "title"),
                Forms.field(f, "summary"),
                Forms.field(f, "content"),
                Forms.field(f, "callToAction"),
                Forms.field(f, "hashtag"),
                Forms.field(f, "startDate"),
                Forms.field(f, "endDate"),
                goals,
                resources,
                f.all("suggested", List::of));
    }

    /** The form as it was posted, with why it was refused. */
    static Filled typed(Parameters f, List<FieldError> errors) {
        Map<String, String> values = new HashMap<>();
        PLAIN.forEach(name -> values.put(name, Forms.field(f, name)));
        List<CampaignInput.GoalInput> goals = new ArrayList<>();
        List<CampaignInput.ResourceInput> resources = new ArrayList<>();
        for (int i = 1; i <= MAX_ROWS && f.first("goalName" + i).isPresent(); i++) {
            goals.add(new CampaignInput.GoalInput(
                    Forms.field(f, "goalName" + i),
                    Forms.field(f, "goalTarget" + i),
                    Forms.field(f, "goalMetric" + i)));
        }
        for (int i = 1; i <= MAX_ROWS && f.first("resourceName" + i).isPresent(); i++) {
            resources.add(new CampaignInput.ResourceInput(
                    Forms.field(f, "resourceName" + i), Forms.field(f, "resourceUrl" + i)));
        }
        return new Filled(values, goals, resources, Set.copyOf(f.all("suggested", List::of)), errors);
    }

    /** The form filled in with the campaign as it is, to edit. */
    static Filled of(Campaign k) {
        Map<String, String> values = new HashMap<>();
        values.put("title", k.title());
        values.put("summary", orEmpty(k.summary()));
        values.put("content", orEmpty(k.markdown()));
        values.put("callToAction", orEmpty(k.callToAction()));
        values.put("hashtag", orEmpty(k.hashtag()));
        values.put("startDate", k.startsOn() == null ? "" : k.startsOn().toString());
        values.put("endDate", k.endsOn() == null ? "" : k.endsOn().toString());
        return new Filled(
                values,
                k.goals().stream()
                        .map(g -> new CampaignInput.GoalInput(
                                g.label(),
                                Integer.toString(g.target()),
                                g.metric().code()))
                        .toList(),
                k.resources().stream()
                        .map(r -> new CampaignInput.ResourceInput(
                                r.name(), r.url().toString()))
                        .toList(),
                Set.copyOf(k.suggested().stream().map(EventCategory::code).toList()),
                List.of());
    }

    /** An empty form; the goal rows suggest one of each metric. */
    static Filled blank() {
        return new Filled(
                Map.of(),
                List.of(
                        new CampaignInput.GoalInput("", "", "events"),
                        new CampaignInput.GoalInput("", "", "participants"),
                        new CampaignInput.GoalInput("", "", "reported")),
                List.of(),
                Set.of(),
                List.of());
    }

    /** A form's content before it is placed on a page. */
    record Filled(
            Map<String, String> values,
            List<CampaignInput.GoalInput> goals,
            List<CampaignInput.ResourceInput> resources,
            Set<String> suggested,
            List<FieldError> errors) {

        CampaignFormView view(String title, String csrf, String action, String submit, String cancelLink) {
            List<CampaignFormView.GoalRow> goalRows = new ArrayList<>();
            for (int i = 0; i < rows(goals.size()); i++) {
                CampaignInput.GoalInput g =
                        i < goals.size() ? goals.get(i) : new CampaignInput.GoalInput("", "", "reported");
                String metric = g.metric() == null ? "" : g.metric().strip().toLowerCase(Locale.ROOT);
                goalRows.add(new CampaignFormView.GoalRow(
                        i + 1,
                        g.name(),
                        g.target(),
                        List.of(Campaign.Metric.values()).stream()
                                .map(m ->
                                        new Choice(m.code(), m.code(), m.code().equals(metric)))
                                .toList()));
            }
            List<CampaignFormView.ResourceRow> resourceRows = new ArrayList<>();
            for (int i = 0; i < rows(resources.size()); i++) {
                CampaignInput.ResourceInput r =
                        i < resources.size() ? resources.get(i) : new CampaignInput.ResourceInput("", "");
                resourceRows.add(new CampaignFormView.ResourceRow(i + 1, r.name(), r.url()));
            }
            return new CampaignFormView(
                    FormView.of(title, csrf, values, errors),
                    action,
                    submit,
                    cancelLink,
                    goalRows,
                    resourceRows,
                    List.of(EventCategory.values()).stream()
                            .map(c -> new Choice(c.code(), label(c), suggested.contains(c.code())))
                            .toList());
        }

        private static int rows(int filled) {
            return Math.max(ROWS, filled + 1);
        }
    }

    private static String label(EventCategory c) {
        return c.code().substring(0, 1).toUpperCase(Locale.ROOT) + c.code().substring(1);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
