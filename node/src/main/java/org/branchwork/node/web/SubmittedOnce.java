package org.branchwork.node.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import io.helidon.common.parameters.Parameters;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * A form that publishes something takes effect once however often it is sent: a double click, a
 * second tap on a slow phone, a browser resending after a timeout. The same person sending the
 * same fields to the same address within {@link #WINDOW} is a repeat: it waits for the first to
 * finish and is sent where the first went. A refused first attempt leaves nothing behind, so
 * the corrected form goes through. Kept in memory: a node process restarting forgets it.
 */
public final class SubmittedOnce {

    static final Duration WINDOW = Duration.ofMinutes(1);
    private static final long WAIT_SECONDS = 10;

    private record Entry(CompletableFuture<Optional<String>> outcome, Instant at) {}

    private final Map<String, Entry> recent = new ConcurrentHashMap<>();
    private final Clock clock;

    public SubmittedOnce(Clock clock) {
        this.clock = clock;
    }

    /**
     * Runs {@code publish} for the first of identical submissions. It renders its own refusal and
     * returns empty, or returns where to send the person, and they are redirected there.
     */
    public void run(Sessions.Posted posted, ServerRequest req, ServerResponse res, Supplier<Optional<String>> publish) {
        Instant now = clock.instant();
        recent.values()
                .removeIf(e -> e.outcome().isDone() && e.at().plus(WINDOW).isBefore(now));
        String key = key(posted, req);
        Entry mine = new Entry(new CompletableFuture<>(), now);
        Entry first = recent.putIfAbsent(key, mine);
        if (first != null) {
            Optional<String> went = waitFor(first);
            if (went.isPresent()) {
                Pages.redirect(res, went.get());
                return;
            }
            // The first was refused or failed: this one is tried on its own.
            recent.put(key, mine);
        }
        Optional<String> location = Optional.empty();
        try {
            location = publish.get();
        } finally {
            mine.outcome().complete(location);
            if (location.isEmpty()) {
                recent.remove(key, mine);
            }
        }
        location.ifPresent(l -> Pages.redirect(res, l));
    }

    private static Optional<String> waitFor(Entry first) {
        try {
            return first.outcome().get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Who sent which fields where; the CSRF token is the session's, so it adds nothing. */
    private static String key(Sessions.Posted posted, ServerRequest req) {
        Map<String, java.util.List<String>> fields = new TreeMap<>();
        Parameters form = posted.form();
        for (String name : form.names()) {
            if (!name.equals("csrf")) {
                fields.put(name, form.all(name));
            }
        }
        String text = posted.viewer().member().id().value() + "\n" + req.path().rawPath() + "\n" + fields;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
