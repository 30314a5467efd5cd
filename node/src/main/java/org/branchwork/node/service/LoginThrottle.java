package org.branchwork.node.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sign-in attempts per client address and per account, Mastodon's limits: 25 per 5 minutes per
 * address (by default; {@code BRANCHWORK_SIGN_INS_PER_ADDRESS} raises it for a branch whose
 * members sign in together behind one address), 25 per hour per account. Counts every attempt, right or wrong, so that the limit
 * itself says nothing about which emails exist. In memory: a restart forgets, which only helps
 * someone who can restart the node anyway.
 */
public final class LoginThrottle {

    public static final int PER_ADDRESS = org.branchwork.node.config.NodeConfig.DEFAULT_SIGN_INS_PER_ADDRESS;
    public static final Duration ADDRESS_WINDOW = Duration.ofMinutes(5);
    public static final int PER_ACCOUNT = 25;
    public static final Duration ACCOUNT_WINDOW = Duration.ofHours(1);
    /** Account mails (password resets, new confirmation links) one address may be sent per hour. */
    public static final int MAILS_PER_RECIPIENT = 3;

    public static final Duration RECIPIENT_WINDOW = Duration.ofHours(1);
    private static final int MAX_KEYS = 100_000;

    private final Map<String, Deque<Instant>> byAddress = new ConcurrentHashMap<>();
    private final Map<String, Deque<Instant>> byAccount = new ConcurrentHashMap<>();
    private final Map<String, Deque<Instant>> byRecipient = new ConcurrentHashMap<>();
    private final Clock clock;
    private final int perAddress;

    public LoginThrottle(Clock clock) {
        this(clock, PER_ADDRESS);
    }

    public LoginThrottle(Clock clock, int perAddress) {
        this.clock = clock;
        this.perAddress = perAddress;
    }

    /** Counts an attempt; when over a limit, how long until the client may try again. */
    public Optional<Duration> attempt(String address, String account) {
        Instant now = clock.instant();
        Optional<Duration> a = count(byAddress, address, now, perAddress, ADDRESS_WINDOW);
        Optional<Duration> b = count(byAccount, account, now, PER_ACCOUNT, ACCOUNT_WINDOW);
        return a.isPresent() ? a : b;
    }

    /**
     * Counts an account mail to {@code recipient}; when over the limit, how long until another may
     * go. Without it anyone could have the node mail one address without end.
     */
    public Optional<Duration> mailTo(String recipient) {
        return count(byRecipient, recipient, clock.instant(), MAILS_PER_RECIPIENT, RECIPIENT_WINDOW);
    }

    private static Optional<Duration> count(
            Map<String, Deque<Instant>> windows, String key, Instant now, int limit, Duration window) {
        if (windows.size() > MAX_KEYS) {
            // A flood of distinct keys: drop the ones whose window has passed rather than grow without bound.
            windows.values().removeIf(d -> {
                synchronized (d) {
                    return d.isEmpty() || d.peekLast().isBefore(now.minus(window));
                }
            });
        }
        Deque<Instant> times = windows.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            while (!times.isEmpty() && !times.peekFirst().isAfter(now.minus(window))) {
                times.pollFirst();
            }
            if (times.size() >= limit) {
                return Optional.of(Duration.between(now, times.peekFirst().plus(window)));
            }
            times.addLast(now);
            return Optional.empty();
        }
    }
}
