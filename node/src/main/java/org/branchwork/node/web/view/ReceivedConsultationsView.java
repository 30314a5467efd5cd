package org.branchwork.node.web.view;

import java.util.List;

/** The organisers' list of consultations received from the nodes the branch follows, to take up. */
public record ReceivedConsultationsView(String title, String csrf, String notice, List<Item> items) {

    /** One received consultation: its local page, its owner's Question id and whether it was taken up. */
    public record Item(String uuid, String title, String question, String owner, String closes, boolean takenUp) {}
}
