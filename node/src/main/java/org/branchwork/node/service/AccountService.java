package org.branchwork.node.service;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.branchwork.node.domain.Consent;
import org.branchwork.node.domain.Member;
import org.branchwork.node.domain.MemberDetails;
import org.branchwork.node.domain.MemberId;
import org.branchwork.node.domain.Role;
import org.branchwork.node.security.PasswordHasher;
import org.branchwork.node.security.Tokens;
import org.branchwork.node.storage.EmailTokenStore;
import org.branchwork.node.storage.EmailTokenStore.Purpose;
import org.branchwork.node.storage.MemberStore;
import org.branchwork.node.storage.Transactions;

/**
 * A person's own account: joining, confirming the email address, signing in, resetting the
 * password. Answers never tell whether an email belongs to a member: joining with a known address
 * mails its owner instead, and a wrong password and an unknown email take the same time and get
 * the same answer.
 */
public final class AccountService {

    private static final Logger LOG = Logger.getLogger(AccountService.class.getName());
    static final Duration CONFIRM_VALID = Duration.ofDays(3);
    static final Duration RESET_VALID = Duration.ofHours(2);

    /** What joining came to. */
    public sealed interface JoinResult {
        /** Done, or (for a known address) its owner was told; either way "check your mail". */
        record MailSent() implements JoinResult {}

        record Invalid(List<FieldError> errors) implements JoinResult {}
    }

    /** What a sign-in attempt came to. */
    public sealed interface SignInResult {
        record SignedIn(Member member) implements SignInResult {}

        /** Wrong email or password: one answer for both. */
        record Refused() implements SignInResult {}

        /** Right password, address not confirmed yet: a new link was mailed. */
        record Unconfirmed() implements SignInResult {}

        record Throttled(Duration retryAfter) implements SignInResult {}
    }

    /** What a password reset came to. */
    public sealed interface ResetResult {
        record Done(Member member) implements ResetResult {}

        record BadLink() implements ResetResult {}

        record Invalid(List<FieldError> errors) implements ResetResult {}
    }

    private final Transactions tx;
    private final MemberStore members;
    private final EmailTokenStore tokens;
    private final PasswordHasher hasher;
    private final SessionService sessions;
    private final LoginThrottle throttle;
    private final Mailer mailer;
    private final AuditLog audit;
    private final Supplier<String> baseUrl;
    private final Supplier<String> branchName;
    private final Clock clock;
    private final String dummyHash;
    private final SecureRandom random;

    private final ConsentLog consents;

    public AccountService(
            Transactions tx,
            MemberStore members,
            EmailTokenStore tokens,
            PasswordHasher hasher,
            SessionService sessions,
            LoginThrottle throttle,
            Mailer mailer,
            AuditLog audit,
            ConsentLog consents,
            Supplier<String> baseUrl,
            Supplier<String> branchName,
            SecureRandom random,
            Clock clock) {
        this.tx = tx;
        this.consents = consents;
        this.members = members;
        this.tokens = tokens;
        this.hasher = hasher;
        this.sessions = sessions;
        this.throttle = throttle;
        this.mailer = mailer;
        this.audit = audit;
        this.baseUrl = baseUrl;
        this.branchName = branchName;
        this.clock = clock;
        // Verifying against this when the email is unknown makes both answers cost one Argon2id run.
        this.dummyHash = hasher.hash("not a password anyone has: " + Tokens.random(random));
        this.random = random;
    }

    public JoinResult join(
            String name,
            String email,
            String postcode,
            String phone,
            boolean consent,
            boolean nationalConsent,
            String password,
            String passwordConfirmation) {
        List<FieldError> errors = new ArrayList<>();
        MemberValidation.Checked checked = MemberValidation.check(name, email, postcode, phone, consent);
        if (checked instanceof MemberValidation.Checked.Invalid invalid) {
            errors.addAll(invalid.errors());
        }
        errors.addAll(MemberValidation.password(password, passwordConfirmation));
        if (!errors.isEmpty()) {
            return new JoinResult.Invalid(errors);
        }
        MemberDetails details = ((MemberValidation.Checked.Valid) checked).details();
        String hash = hasher.hash(password);
        Optional<String> token = tx.inTransaction(c -> {
            if (members.emailTaken(c, details.email())) {
                return Optional.<String>empty();
            }
            Member m = members.insert(c, details, hash, Role.MEMBER, "join", null, clock.instant());
            consents.started(
                    c, m.id(), Consent.Purpose.BRANCH, consent, Consent.How.JOIN_FORM, ConsentLog.JOIN_WORDING, null);
            consents.started(
                    c,
                    m.id(),
                    Consent.Purpose.NATIONAL,
                    nationalConsent,
                    Consent.How.JOIN_FORM,
                    ConsentLog.JOIN_WORDING,
                    null);
            audit.record(c, new Acting(m.id(), Role.MEMBER), "member.joined", m.id(), "");
            return Optional.of(newToken(c, m, Purpose.CONFIRM, CONFIRM_VALID));
        });
        if (token.isPresent()) {
            mailConfirmation(
                    details.email(),
                    "Welcome to " + branchName.get() + ", " + details.displayName() + ".\n\n",
                    token.get());
        } else {
            mail(
                    details.email(),
                    "You are already a member of " + branchName.get(),
                    "Someone (probably you) tried to join " + branchName.get() + " with this address, which already "
                            + "has an account.\n\nSign in at " + baseUrl.get() + "/signin, or set a new password at "
                            + baseUrl.get() + "/password-reset.\n");
        }
        return new JoinResult.MailSent();
    }

    /** Confirms the address a link was sent to; the member it belongs to, or empty for a bad or old link. */
    public Optional<Member> confirm(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        return tx.inTransaction(c -> {
            Optional<MemberId> id = tokens.take(c, Tokens.sha256(token), Purpose.CONFIRM, clock.instant());
            if (id.isEmpty()) {
                return Optional.empty();
            }
            members.confirmEmail(c, id.get(), clock.instant());
            return members.find(c, id.get());
        });
    }

    public SignInResult signIn(String email, String password, String clientAddress) {
        String normalised = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        Optional<Duration> wait = throttle.attempt(clientAddress, normalised);
        if (wait.isPresent()) {
            return new SignInResult.Throttled(wait.get());
        }
        record Account(Member member, Optional<String> hash) {}
        Optional<Account> account = tx.inTransaction(c -> {
            Optional<Member> m = members.findByEmail(c, normalised);
            return m.isEmpty()
                    ? Optional.<Account>empty()
                    : Optional.of(
                            new Account(m.get(), members.passwordHash(c, m.get().id())));
        });
        Optional<String> hash = account.flatMap(Account::hash);
        boolean matches = hasher.matches(password == null ? "" : password, hash.orElse(dummyHash));
        if (hash.isEmpty() || !matches) {
            return new SignInResult.Refused();
        }
        Member member = account.get().member();
        if (!member.emailConfirmed()) {
            mailConfirmation(
                    member.email(), "", tx.inTransaction(c -> newToken(c, member, Purpose.CONFIRM, CONFIRM_VALID)));
            return new SignInResult.Unconfirmed();
        }
        return new SignInResult.SignedIn(member);
    }

    /** Mails a reset link when the address is a member's; says nothing either way. */
    public void requestPasswordReset(String email) {
        String normalised = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        Optional<String> token = tx.inTransaction(c -> {
            Optional<Member> m = members.findByEmail(c, normalised);
            return m.isEmpty()
                    ? Optional.<String>empty()
                    : Optional.of(newToken(c, m.get(), Purpose.RESET, RESET_VALID));
        });
        token.ifPresent(t -> mail(
                normalised,
                "Set a new password for " + branchName.get(),
                "Open this link within two hours to choose a new password:\n\n" + baseUrl.get()
                        + "/password-reset/new?token=" + t + "\n\nIf you did not ask for this, ignore this mail; your "
                        + "password stays as it is.\n"));
    }

    /** Sets a new password from a mailed link; also confirms the address, and ends every other session. */
    public ResetResult resetPassword(String token, String password, String confirmation) {
        List<FieldError> errors = MemberValidation.password(password, confirmation);
        if (!errors.isEmpty()) {
            return new ResetResult.Invalid(errors);
        }
        String hash = hasher.hash(password);
        Optional<Member> member = tx.inTransaction(c -> {
            var id = tokens.take(c, Tokens.sha256(token == null ? "" : token), Purpose.RESET, clock.instant());
            if (id.isEmpty()) {
                return Optional.<Member>empty();
            }
            members.setPassword(c, id.get(), hash);
            members.confirmEmail(c, id.get(), clock.instant());
            audit.record(c, new Acting(id.get(), Role.MEMBER), "member.password_reset", id.get(), "");
            return members.find(c, id.get());
        });
        if (member.isEmpty()) {
            return new ResetResult.BadLink();
        }
        sessions.endAll(member.get().id());
        return new ResetResult.Done(member.get());
    }

    private void mailConfirmation(String to, String greeting, String token) {
        mail(
                to,
                "Confirm your email for " + branchName.get(),
                greeting
                        + "Confirm your email address by opening this link (valid for 3 days):\n\n"
                        + baseUrl.get() + "/join/confirm?token=" + token + "\n\n"
                        + "If you did not join, ignore this mail and nothing happens.\n");
    }

    private String newToken(java.sql.Connection c, Member m, Purpose purpose, Duration valid)
            throws java.sql.SQLException {
        String token = Tokens.random(random);
        tokens.create(c, Tokens.sha256(token), m.id(), purpose, clock.instant().plus(valid));
        return token;
    }

    /** A mail that cannot be sent is logged, not shown: the page must not reveal whether the address is known. */
    /** Every account mail goes here, and none beyond the hourly limit for one address (the page says the same either way). */
    private void mail(String to, String subject, String text) {
        if (throttle.mailTo(to.strip().toLowerCase(Locale.ROOT)).isPresent()) {
            LOG.info("Account mail not sent: the hourly limit for one address is reached");
            return;
        }
        try {
            mailer.send(new Mailer.Mail(to, subject, text));
        } catch (Mailer.MailFailure e) {
            LOG.log(Level.WARNING, "Could not send '" + subject + "': " + e.getMessage(), e);
        }
    }
}
