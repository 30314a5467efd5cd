package org.branchwork.node.federation.outbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

import org.branchwork.node.storage.PeerHostStore;
import org.branchwork.node.storage.PeerHostStore.PeerHost;
import org.branchwork.node.storage.Transactions;

/**
 * What the delivery queue remembers per peer host, kept in memory and written through to the
 * {@code peer_host} table so that it survives a restart: whether the host wants draft-cavage
 * signatures, and whether it is up. A host that has failed every delivery for
 * {@link #UNAVAILABLE_AFTER} (connection errors and 5xx; any other answer means it is up) is
 * marked unavailable: its deliveries wait without using up attempts, one of them goes out as a
 * probe every {@link #PROBE_INTERVAL}, and the first answer makes it available again.
 */
public final class PeerHealth {

    private static final Logger LOG = Logger.getLogger(PeerHealth.class.getName());
    /** As long as the retry schedule's window: a host down longer than that is not coming back soon. */
    public static final Duration UNAVAILABLE_AFTER = Duration.ofHours(48);

    public static final Duration PROBE_INTERVAL = Duration.ofHours(1);

    /** What the worker may do with a delivery to a host. */
    public sealed interface Gate {
        /** Send it; the host is not known to be down. */
        record Send() implements Gate {}

        /** The host is unavailable; this delivery is the probe. */
        record Probe() implements Gate {}

        /** The host is unavailable and probed already: wait until then. */
        record Wait(Instant until) implements Gate {}
    }

    private final Transactions tx;
    private final PeerHostStore store;
    private final Clock clock;
    private final Map<String, PeerHost> hosts = new ConcurrentHashMap<>();

    public PeerHealth(Transactions tx, PeerHostStore store, Clock clock) {
        this.tx = tx;
        this.store = store;
        this.clock = clock;
        tx.inTransaction(store::all).forEach(h -> hosts.put(h.host(), h));
    }

    public boolean cavageFirst(String host) {
        PeerHost h = hosts.get(host);
        return h != null && h.cavageFirst();
    }

    /** The host refused RFC 9421 and took draft-cavage: start with draft-cavage from now on. */
    public void preferCavage(String host) {
        update(
                host,
                h -> h.cavageFirst()
                        ? h
                        : new PeerHost(
                                h.host(),
                                true,
                                h.failingSince(),
                                h.lastError(),
                                h.unavailableSince(),
                                h.nextProbeAt()));
    }

    public synchronized Gate gate(String host) {
        PeerHost h = hosts.get(host);
        if (h == null || !h.unavailable()) {
            return new Gate.Send();
        }
        Instant now = clock.instant();
        Instant probeAt = h.nextProbeAt().orElse(now);
        if (now.isBefore(probeAt)) {
            return new Gate.Wait(probeAt);
        }
        put(new PeerHost(
                h.host(),
                h.cavageFirst(),
                h.failingSince(),
                h.lastError(),
                h.unavailableSince(),
                Optional.of(now.plus(PROBE_INTERVAL))));
        return new Gate.Probe();
    }

    /** The host answered (any HTTP status below 500). True when it was unavailable until now. */
    public boolean answered(String host) {
        PeerHost before = hosts.get(host);
        if (before == null || before.failingSince().isEmpty()) {
            return false;
        }
        update(
                host,
                h -> new PeerHost(
                        h.host(),
                        h.cavageFirst(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty()));
        if (before.unavailable()) {
            LOG.info(() -> host + " answers again; deliveries waiting for it go out now");
            return true;
        }
        return false;
    }

    /** The host did not answer, or answered 5xx. */
    public void failed(String host, String error) {
        Instant now = clock.instant();
        update(host, h -> {
            if (h.failingSince().isEmpty()) {
                return new PeerHost(
                        h.host(),
                        h.cavageFirst(),
                        Optional.of(now),
                        Optional.of(error),
                        Optional.empty(),
                        Optional.empty());
            }
            if (!h.unavailable() && !now.isBefore(h.failingSince().get().plus(UNAVAILABLE_AFTER))) {
                LOG.warning(() -> host + " has failed every delivery since "
                        + h.failingSince().get() + "; marked unavailable, probed every " + PROBE_INTERVAL.toMinutes()
                        + " minutes (" + error + ")");
                return new PeerHost(
                        h.host(),
                        h.cavageFirst(),
                        h.failingSince(),
                        Optional.of(error),
                        Optional.of(now),
                        Optional.of(now.plus(PROBE_INTERVAL)));
            }
            return h;
        });
    }

    /** When an unavailable host is probed next. */
    public Optional<Instant> nextProbe(String host) {
        return Optional.ofNullable(hosts.get(host)).flatMap(PeerHost::nextProbeAt);
    }

    /** Hosts failing now or marked unavailable, for the admin view. */
    public List<PeerHost> troubled() {
        Collection<PeerHost> all = hosts.values();
        return all.stream()
                .filter(h -> h.failingSince().isPresent())
                .sorted(java.util.Comparator.comparing(PeerHost::host))
                .toList();
    }

    private synchronized void update(String host, java.util.function.UnaryOperator<PeerHost> change) {
        PeerHost before = hosts.getOrDefault(host, PeerHost.healthy(host));
        PeerHost after = change.apply(before);
        if (!after.equals(before)) {
            put(after);
        }
    }

    private void put(PeerHost h) {
        tx.inTransaction(c -> {
            store.save(c, h);
            return null;
        });
        hosts.put(h.host(), h);
    }
}
