package org.branchwork.node.service;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.branchwork.node.domain.Member;
import org.branchwork.node.domain.MemberId;
import org.branchwork.node.security.Tokens;
import org.branchwork.node.storage.MemberStore;
import org.branchwork.node.storage.SessionStore;
import org.branchwork.node.storage.Transactions;

/**
 * Server-side sessions: a random 256-bit id in the cookie, only its SHA-256 in the database, a
 * CSRF token per session, an idle timeout of {@link #IDLE} and an absolute one of {@link #ABSOLUTE}.
 */
public final class SessionService {

    public static final Duration IDLE = Duration.ofHours(4);
    public static final Duration ABSOLUTE = Duration.ofDays(7);
    /** Writing last-seen on every request would make every page view a disk sync; a minute is precise enough. */
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    /** A live session: who, their CSRF token, and the hash that names the session. */
    public record Current(Member member, String csrfToken, String idHash) {}

    /** A new session: the cookie value to hand out (never stored) and the session. */
    public record Started(String cookieValue, Current session) {}

    private final Transactions tx;
    private final SessionStore sessions;
    private final MemberStore members;
    private final SecureRandom random;
    private final Clock clock;

    public SessionService(
            Transactions tx, SessionStore sessions, MemberStore members, SecureRandom random, Clock clock) {
        this.tx = tx;
        this.sessions = sessions;
        this.members = members;
        this.random = random;
        this.clock = clock;
    }

    /** A fresh session for a member who just signed in (never reuses an id the client sent). */
    public Started start(Member member) {
        String cookie = Tokens.random(random);
        String csrf = Tokens.random(random);
        String hash = Tokens.sha256(cookie);
        Instant now = clock.instant();
        tx.inTransaction(c -> {
            // Sign-in is rare and costs an Argon2id run anyway: the place to clear out timed-out sessions.
            sessions.deleteExpired(c, now.minus(IDLE), now.minus(ABSOLUTE));
            sessions.create(c, hash, member.id(), csrf, now);
            return null;
        });
        return new Started(cookie, new Current(member, csrf, hash));
    }

    /** The session a cookie names, if it exists and has not timed out. */
    public Optional<Current> resolve(String cookieValue) {
        if (cookieValue == null || cookieValue.length() != Tokens.LENGTH) {
            return Optional.empty();
        }
        String hash = Tokens.sha256(cookieValue);
        Instant now = clock.instant();
        return tx.inTransaction(c -> {
            Optional<SessionStore.StoredSession> stored = sessions.find(c, hash);
            if (stored.isEmpty()) {
                return Optional.empty();
            }
            SessionStore.StoredSession s = stored.get();
            if (s.lastSeenAt().plus(IDLE).isBefore(now)
                    || s.createdAt().plus(ABSOLUTE).isBefore(now)) {
                sessions.delete(c, hash);
                return Optional.empty();
            }
            Optional<Member> member = members.find(c, s.member());
            if (member.isEmpty()) {
                return Optional.empty();
            }
            if (s.lastSeenAt().plus(TOUCH_EVERY).isBefore(now)) {
                sessions.touch(c, hash, now);
            }
            return Optional.of(new Current(member.get(), s.csrfToken(), hash));
        });
    }

    public void end(Current session) {
        tx.inTransaction(c -> {
            sessions.delete(c, session.idHash());
            return null;
        });
    }

    /** Ends every session of the member: after a role change or a password reset they sign in again. */
    public void endAll(MemberId member) {
        tx.inTransaction(c -> sessions.deleteForMember(c, member));
    }
}
