package org.branchwork.node.service;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.branchwork.node.domain.Consent;
import org.branchwork.node.domain.ConsultationId;
import org.branchwork.node.domain.MemberId;
import org.branchwork.node.storage.PeerPolicyStore;
import org.branchwork.node.storage.Transactions;

/**
 * The links in mails that act without a session: unsubscribing a member from one purpose,
 * answering an RSVP ("still coming", "can't come"), and a member's voting link in a consultation. Each carries what it acts on and an HMAC of
 * it under a key only this node holds (made once, kept in the database), so a link does its one
 * thing for its one member and nothing else, works for as long as the member is on the list, and
 * needs no table of tokens that an erasure would have to find.
 */
public final class MailLinks {

    private static final String KEY_SETTING = "mail.link_key";
    // What each kind of link names, before the dot and the MAC over "kind:what".
    private static final Pattern UNSUBSCRIBE = Pattern.compile("([1-9][0-9]{0,18})\\.(branch|national)");
    private static final Pattern RSVP = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern BALLOT =
            Pattern.compile("([1-9][0-9]{0,18})\\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})");

    /** What a voting link names: one member, in one consultation. */
    public record Ballot(MemberId member, ConsultationId consultation) {}

    /** What an unsubscribe link names. */
    public record Unsubscribe(MemberId member, Consent.Purpose purpose) {}

    private final Transactions tx;
    private final PeerPolicyStore settings;
    private final SecureRandom random;
    private volatile byte[] key;

    public MailLinks(Transactions tx, PeerPolicyStore settings, SecureRandom random) {
        this.tx = tx;
        this.settings = settings;
        this.random = random;
    }

    public String unsubscribeToken(MemberId member, Consent.Purpose purpose) {
        return token("unsubscribe", member.value() + "." + purpose.code());
    }

    /** The member and purpose a token names, if it is one this node made. */
    public Optional<Unsubscribe> unsubscribe(String token) {
        return verified("unsubscribe", UNSUBSCRIBE, token)
                .map(m -> new Unsubscribe(
                        new MemberId(Long.parseLong(m.group(1))), Consent.Purpose.fromCode(m.group(2))));
    }

    public String rsvpToken(String rsvpId) {
        return token("rsvp", rsvpId);
    }

    /** The RSVP a token names, if it is one this node made. */
    public Optional<String> rsvp(String token) {
        return verified("rsvp", RSVP, token).map(Matcher::group);
    }

    public String ballotToken(MemberId member, ConsultationId consultation) {
        return token("ballot", member.value() + "." + consultation.value());
    }

    /** The member and consultation a voting link names, if it is one this node made. */
    public Optional<Ballot> ballot(String token) {
        return verified("ballot", BALLOT, token)
                .map(m -> new Ballot(new MemberId(Long.parseLong(m.group(1))), new ConsultationId(m.group(2))));
    }

    private String token(String kind, String what) {
        return what + "." + mac(kind + ":" + what);
    }

    /** What a {@code what.MAC} token names, when {@code what} has the kind's shape and the MAC is ours. */
    private Optional<Matcher> verified(String kind, Pattern shape, String token) {
        int dot = token == null ? -1 : token.lastIndexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        String what = token.substring(0, dot);
        Matcher m = shape.matcher(what);
        if (!m.matches() || !same(token.substring(dot + 1), mac(kind + ":" + what))) {
            return Optional.empty();
        }
        return Optional.of(m);
    }

    private static boolean same(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }

    private String mac(String what) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(), "HmacSHA256"));
            byte[] full = mac.doFinal(what.getBytes(StandardCharsets.UTF_8));
            // 128 bits are plenty for a link that can only be guessed online.
            return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(full, 16));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] key() {
        byte[] k = key;
        if (k == null) {
            synchronized (this) {
                if (key == null) {
                    key = tx.inTransaction(c -> {
                        Optional<String> kept = settings.setting(c, KEY_SETTING);
                        if (kept.isPresent()) {
                            return Base64.getDecoder().decode(kept.get());
                        }
                        byte[] fresh = new byte[32];
                        random.nextBytes(fresh);
                        settings.setSetting(c, KEY_SETTING, Base64.getEncoder().encodeToString(fresh));
                        return fresh;
                    });
                }
                k = key;
            }
        }
        return k;
    }
}
