package org.branchwork.node.web.view;

/**
 * The page a reminder's "still coming" / "can't come" link opens: which event, the two answers as
 * buttons (the one the link named first), or what the answer did.
 *
 * @param action  where the buttons post (the link itself), or null once answered
 * @param coming  whether the link named "still coming"
 */
public record RsvpAnswerView(String title, String action, String event, String when, boolean coming, String message) {

    public boolean confirm() {
        return action != null;
    }
}
