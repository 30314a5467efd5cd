package org.branchwork.node.service;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.branchwork.node.storage.PeerPolicyStore;
import org.branchwork.node.storage.PeerPolicyStore.PolicyList;
import org.branchwork.node.storage.Transactions;

/**
 * Which peers the node federates with: blocked domains (a block covers subdomains), blocked
 * actors, and the allow-list mode in which only listed domains are talked to. Checked before
 * anything is fetched for a request (Smithereen's rule: policy before I/O), for deliveries and for
 * follows. Read from a snapshot that every change replaces.
 */
public final class PeerPolicy {

    /** How the node federates. */
    public enum Mode {
        OPEN,
        ALLOWLIST
    }

    private record Snapshot(
            Mode mode,
            boolean manualApproval,
            Set<String> blockedDomains,
            Set<String> blockedActors,
            Set<String> allowed) {}

    private static final String MODE_SETTING = "federation_mode";
    private static final String APPROVAL_SETTING = "follow_approval";

    private final Transactions tx;
    private final PeerPolicyStore store;
    private final Clock clock;
    private volatile Snapshot snapshot;

    public PeerPolicy(Transactions tx, PeerPolicyStore store, Clock clock) {
        this.tx = tx;
        this.store = store;
        this.clock = clock;
        reload();
    }

    /** Why the node will not federate with this actor (or any IRI on its server), or empty when it will. */
    public Optional<String> refusal(URI iri) {
        Snapshot s = snapshot;
        String host = iri.getHost() == null ? "" : iri.getHost().toLowerCase(Locale.ROOT);
        if (s.blockedActors().contains(iri.toString())) {
            return Optional.of("the actor " + iri + " is blocked");
        }
        if (matches(host, s.blockedDomains())) {
            return Optional.of("the domain " + host + " is blocked");
        }
        if (s.mode() == Mode.ALLOWLIST && !matches(host, s.allowed())) {
            return Optional.of("this node federates only with allowed domains, and " + host + " is not one");
        }
        return Optional.empty();
    }

    public Mode mode() {
        return snapshot.mode();
    }

    /** Whether follows of the branch wait for an admin (by default they are accepted at once). */
    public boolean manualApproval() {
        return snapshot.manualApproval();
    }

    public void setManualApproval(boolean manual) {
        tx.inTransaction(c -> {
            store.setSetting(c, APPROVAL_SETTING, manual ? "manual" : "auto");
            return null;
        });
        reload();
    }

    public List<String> list(PolicyList list) {
        return tx.inTransaction(c -> store.list(c, list));
    }

    public boolean add(PolicyList list, String value) {
        boolean added = tx.inTransaction(c -> store.add(c, list, normalise(list, value), clock.instant()));
        reload();
        return added;
    }

    public boolean remove(PolicyList list, String value) {
        boolean removed = tx.inTransaction(c -> store.remove(c, list, normalise(list, value)));
        reload();
        return removed;
    }

    public void setMode(Mode mode) {
        tx.inTransaction(c -> {
            store.setSetting(c, MODE_SETTING, mode.name().toLowerCase(Locale.ROOT));
            return null;
        });
        reload();
    }

    private static String normalise(PolicyList list, String value) {
        String v = value.strip();
        if (list == PolicyList.ACTOR_BLOCK) {
            URI uri = URI.create(v);
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("an actor block needs the actor's IRI");
            }
            return v;
        }
        String domain = v.toLowerCase(Locale.ROOT);
        if (domain.isEmpty() || domain.contains("/") || domain.contains("@") || domain.contains(" ")) {
            throw new IllegalArgumentException("a domain is a host name such as example.org, got '" + value + "'");
        }
        return java.net.IDN.toASCII(domain);
    }

    private static boolean matches(String host, Set<String> domains) {
        for (String d : domains) {
            if (host.equals(d) || host.endsWith("." + d)) {
                return true;
            }
        }
        return false;
    }

    private void reload() {
        snapshot = tx.inTransaction(c -> new Snapshot(
                store.setting(c, MODE_SETTING)
                        .map(m -> Mode.valueOf(m.toUpperCase(Locale.ROOT)))
                        .orElse(Mode.OPEN),
                store.setting(c, APPROVAL_SETTING).map("manual"::equals).orElse(false),
                Set.copyOf(store.list(c, PolicyList.DOMAIN_BLOCK)),
                Set.copyOf(store.list(c, PolicyList.ACTOR_BLOCK)),
                Set.copyOf(store.list(c, PolicyList.ALLOWED_DOMAIN))));
    }
}
