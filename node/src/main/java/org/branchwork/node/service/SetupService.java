package org.branchwork.node.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

import org.branchwork.node.config.NodeConfigLoader;
import org.branchwork.node.domain.Branch;
import org.branchwork.node.domain.Member;
import org.branchwork.node.domain.MemberDetails;
import org.branchwork.node.domain.Role;
import org.branchwork.node.security.PasswordHasher;
import org.branchwork.node.storage.BranchStore;
import org.branchwork.node.storage.MemberStore;
import org.branchwork.node.storage.Transactions;

/**
 * First-run set-up: creating the branch (unless the configuration names it) and the first
 * administrator. Whoever reaches a fresh node first could otherwise claim it, so the form needs a
 * one-time code that only the operator sees, in the node's log.
 */
public final class SetupService {

    private final Transactions tx;
    private final BranchStore branches;
    private final MemberStore members;
    private final PasswordHasher hasher;
    private final Clock clock;
    private final boolean branchFromConfiguration;
    private final String code;
    // Set-up happens once; the lock stops two submissions racing past the "no admin yet" check.
    private final ReentrantLock lock = new ReentrantLock();
    private volatile boolean done;

    public SetupService(
            Transactions tx,
            BranchStore branches,
            MemberStore members,
            PasswordHasher hasher,
            Clock clock,
            SecureRandom random,
            boolean branchFromConfiguration) {
        this.tx = tx;
        this.branches = branches;
        this.members = members;
        this.hasher = hasher;
        this.clock = clock;
        this.branchFromConfiguration = branchFromConfiguration;
        this.done = tx.inTransaction(c -> branches.find(c).isPresent() && members.countWithRole(c, Role.ADMIN) > 0);
        byte[] bytes = new byte[10];
        random.nextBytes(bytes);
        this.code = HexFormat.of().formatHex(bytes);
    }

    /** Whether the node still needs its branch or its first administrator. */
    public boolean needed() {
        return !done;
    }

    /** Whether the set-up form asks for the branch's name and handle. */
    public boolean asksForBranch() {
        return !branchFromConfiguration;
    }

    /** The one-time code the form requires, while set-up is needed. */
    public Optional<String> code() {
        return done ? Optional.empty() : Optional.of(code);
    }

    public SetupResult complete(SetupRequest request) {
        lock.lock();
        try {
            if (done) {
                return new SetupResult.AlreadyDone();
            }
            List<FieldError> errors = validate(request);
            if (!errors.isEmpty()) {
                return new SetupResult.Invalid(errors);
            }
            String email = request.adminEmail().strip().toLowerCase(Locale.ROOT);
            String passwordHash = hasher.hash(request.password());
            Member[] admin = new Member[1];
            Branch branch = tx.inTransaction(c -> {
                Branch b;
                if (branchFromConfiguration) {
                    b = branches.find(c).orElseThrow();
                } else {
                    b = new Branch(
                            request.branchSlug().strip(), request.branchName().strip(), clock.instant());
                    branches.save(c, b);
                }
                // The admin proves the address by signing in later; set-up itself needs the log's code.
                admin[0] = members.insert(
                        c,
                        new MemberDetails(request.adminName().strip(), email, "", "", false),
                        passwordHash,
                        Role.ADMIN,
                        "setup",
                        clock.instant(),
                        clock.instant());
                return b;
            });
            done = true;
            return new SetupResult.Completed(branch, admin[0]);
        } finally {
            lock.unlock();
        }
    }

    private List<FieldError> validate(SetupRequest r) {
        List<FieldError> errors = new ArrayList<>();
        if (!constantTimeEquals(code, blank(r.code()))) {
            errors.add(new FieldError(
                    "code",
                    "The set-up code does not match. Copy it from the node's log, "
                            + "where the node printed it when it started."));
        }
        if (!branchFromConfiguration) {
            String name = blank(r.branchName());
            if (name.isEmpty() || name.length() > 100) {
                errors.add(new FieldError("branchName", "Give the branch a name of 1 to 100 characters."));
            }
            if (!NodeConfigLoader.isValidSlug(blank(r.branchSlug()))) {
                errors.add(new FieldError(
                        "branchSlug",
                        "The handle must be 1 to 30 lower-case letters, digits or _ (for example stockport)."));
            }
        }
        String adminName = blank(r.adminName());
        if (adminName.isEmpty() || adminName.length() > 100) {
            errors.add(new FieldError("adminName", "Give your name, 1 to 100 characters."));
        }
        if (!looksLikeEmail(blank(r.adminEmail()))) {
            errors.add(new FieldError("adminEmail", "Give an email address such as name@example.org."));
        }
        errors.addAll(MemberValidation.password(r.password(), r.passwordConfirmation()));
        return errors;
    }

    /** A deliberately loose check: one @, something on each side, a dot in the domain, no spaces. */
    static boolean looksLikeEmail(String email) {
        int at = email.indexOf('@');
        return email.length() <= 320
                && at > 0
                && at == email.lastIndexOf('@')
                && at < email.length() - 3
                && email.substring(at + 1).contains(".")
                && !email.endsWith(".")
                && email.chars().noneMatch(ch -> Character.isWhitespace(ch) || ch == '<' || ch == '>');
    }

    private static String blank(String s) {
        return s == null ? "" : s.strip();
    }

    private static boolean constantTimeEquals(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
