package org.branchwork.node.web;

import java.util.Map;

/**
 * The audit log's action codes in words, as the admin page shows them ("changed the details of").
 * A code without words (one added later and not yet here) shows as itself rather than vanishing.
 */
public final class AuditWords {

    private static final Map<String, String> WORDS = Map.ofEntries(
            Map.entry("member.joined", "joined"),
            Map.entry("member.created", "added"),
            Map.entry("member.details_changed", "changed the details of"),
            Map.entry("member.erased", "erased"),
            Map.entry("member.noted", "wrote a note about"),
            Map.entry("member.role_changed", "changed the role of"),
            Map.entry("member.tagged", "changed the tags of"),
            Map.entry("member.password_reset", "reset the password of"),
            Map.entry("members.exported", "downloaded the member list"),
            Map.entry("members.import_started", "imported members"),
            Map.entry("members.import_validated", "checked an import file"),
            Map.entry("members.imported", "imported members"),
            Map.entry("node.backed_up", "backed up the node"),
            Map.entry("inbox.requeued", "asked for received activities to be handled again"),
            Map.entry("branch.followed", "followed"),
            Map.entry("branch.unfollowed", "unfollowed"),
            Map.entry("settings.federation_mode", "set who may federate to"),
            Map.entry("settings.follow_approval", "set how follows are approved to"),
            Map.entry("settings.domain_block_added", "blocked the server"),
            Map.entry("settings.domain_block_removed", "unblocked the server"),
            Map.entry("settings.actor_block_added", "blocked the account"),
            Map.entry("settings.actor_block_removed", "unblocked the account"),
            Map.entry("settings.allowed_domain_added", "allowed the server"),
            Map.entry("settings.allowed_domain_removed", "no longer allows the server"));

    private AuditWords() {}

    public static String of(String action) {
        return WORDS.getOrDefault(action, action);
    }
}
