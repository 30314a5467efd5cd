package org.branchwork.node.web.view;

import java.util.List;

/** The consultations on this node, newest close first; organisers get the link to start one. */
public record ConsultationsView(String title, boolean organiser, List<Item> items) {

    /** One consultation in the list. */
    public record Item(
            String uuid, String title, String state, String opens, String closes, String kind, String method) {}

    public boolean empty() {
        return items.isEmpty();
    }
}
