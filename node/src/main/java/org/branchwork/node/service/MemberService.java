package org.branchwork.node.service;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.branchwork.node.domain.Consent;
import org.branchwork.node.domain.ImportBasis;
import org.branchwork.node.domain.ImportRow;
import org.branchwork.node.domain.Member;
import org.branchwork.node.domain.MemberDetails;
import org.branchwork.node.domain.MemberId;
import org.branchwork.node.domain.MemberNote;
import org.branchwork.node.domain.MemberQuery;
import org.branchwork.node.domain.Role;
import org.branchwork.node.storage.ConsentStore;
import org.branchwork.node.storage.MemberStore;
import org.branchwork.node.storage.Transactions;

/**
 * The members service: organisers search, add, correct, tag and note members; admins change
 * roles; every member sees, changes and downloads their own record. Exporting is
 * {@link MemberExport}, erasing {@link MemberErasure}. Each method checks the acting role itself,
 * and every admin action lands in the audit log in the same transaction.
 */
public final class MemberService {

    /** A member in the list, with their tags. */
    public record Row(Member member, List<String> tags) {}

    /** One page of the list and the total matching. */
    public record Listing(List<Row> rows, long total, MemberQuery query) {
        public int pages() {
            return (int) Math.max(1, (total + query.pageSize() - 1) / query.pageSize());
        }
    }

    /** A member's record as organisers see it. */
    /** @param mailBouncedSince since when the member's address is refused by their mail server, or null */
    public record Profile(
            Member member, List<String> tags, List<MemberNote> notes, java.time.Instant mailBouncedSince) {}

    /** What adding a member (API, organiser form) came to. */
    public sealed interface CreateResult {
        record Created(Member member) implements CreateResult {}

        record Invalid(List<FieldError> errors) implements CreateResult {}
    }

    private final Transactions tx;
    private final MemberStore members;
    private final SessionService sessions;
    private final AuditLog audit;
    private final Clock clock;

    private final ConsentLog consents;

    public MemberService(
            Transactions tx,
            MemberStore members,
            SessionService sessions,
            AuditLog audit,
            Clock clock,
            ConsentLog consents) {
        this.consents = consents;
        this.tx = tx;
        this.members = members;
        this.sessions = sessions;
        this.audit = audit;
        this.clock = clock;
    }

    /** With consents kept in the same database (tests of members alone). */
    public MemberService(Transactions tx, MemberStore members, SessionService sessions, AuditLog audit, Clock clock) {
        this(tx, members, sessions, audit, clock, new ConsentLog(tx, new ConsentStore(), clock));
    }

    public Listing search(Acting who, MemberQuery q) {
        require(who, Role.ORGANISER);
        return tx.inTransaction(c -> {
            MemberStore.Page page = members.search(c, q);
            Map<MemberId, List<String>> tags =
                    members.tags().of(c, page.members().stream().map(Member::id).toList());
            List<Row> rows = page.members().stream()
                    .map(m -> new Row(m, tags.getOrDefault(m.id(), List.of())))
                    .toList();
            return new Listing(rows, page.total(), q);
        });
    }

    public Optional<Profile> profile(Acting who, MemberId id) {
        require(who, Role.ORGANISER);
        return tx.inTransaction(c -> {
            Optional<Member> m = members.find(c, id);
            if (m.isEmpty()) {
                return Optional.<Profile>empty();
            }
            return Optional.of(new Profile(
                    m.get(),
                    members.tags().of(c, id),
                    members.notes().of(c, id),
                    members.mailBouncedSince(c, id).orElse(null)));
        });
    }

    /**
     * The current names of these members, for pages that show ids stored elsewhere (the audit
     * log); an erased member is simply not in the map.
     */
    public Map<MemberId, String> names(Acting who, java.util.Collection<MemberId> ids) {
        require(who, Role.ORGANISER);
        return tx.inTransaction(c -> {
            Map<MemberId, String> out = new java.util.HashMap<>();
            for (MemberId id : new java.util.HashSet<>(ids)) {
                members.find(c, id).ifPresent(m -> out.put(id, m.displayName()));
            }
            return out;
        });
    }

    /** Where the member's consents stand now (branch news, national relay). */
    public Map<Consent.Purpose, Boolean> consents(MemberId member) {
        return consents.current(member);
    }

    /** Every grant and withdrawal of the member's consents, oldest first. */
    public List<Consent> consentHistory(MemberId member) {
        return consents.history(member);
    }

    /** The tags in use, for the filter's suggestions. */
    public List<String> tagNames(Acting who) {
        require(who, Role.ORGANISER);
        return tx.inTransaction(c -> members.tags().names(c));
    }

    /** Adds a member on an organiser's word (API, CSV): no password yet; a password reset mail lets them in. */
    public CreateResult create(
            Acting who,
            String name,
            String email,
            String postcode,
            String phone,
            boolean consent,
            String tags,
            String source) {
        require(who, Role.ORGANISER);
        List<FieldError> errors = new ArrayList<>();
        MemberValidation.Checked checked = MemberValidation.check(name, email, postcode, phone, consent);
        if (checked instanceof MemberValidation.Checked.Invalid invalid) {
            errors.addAll(invalid.errors());
        }
        Set<String> tagSet = MemberValidation.tags(tags, errors);
        if (!errors.isEmpty()) {
            return new CreateResult.Invalid(errors);
        }
        MemberDetails details = ((MemberValidation.Checked.Valid) checked).details();
        return tx.inTransaction(c -> {
            if (members.emailTaken(c, details.email())) {
                return new CreateResult.Invalid(
                        List.of(new FieldError("email", "A member with this email exists already.")));
            }
            Member m = members.insert(c, details, null, Role.MEMBER, source, null, clock.instant());
            members.tags().set(c, m.id(), tagSet);
            consents.started(
                    c,
                    m.id(),
                    Consent.Purpose.BRANCH,
                    details.contactConsent(),
                    Consent.How.ORGANISER,
                    "entered by an organiser (" + source + ")",
                    who.member());
            audit.record(c, who, "member.created", m.id(), "source=" + source);
            return new CreateResult.Created(m);
        });
    }

    /** Inserts already validated rows (an import batch); an email already present is skipped. Returns how many were added. */
    /** Which of these lower-cased addresses are members' already, for the import's check. */
    Set<String> alreadyMembers(Connection c, List<String> emails) throws SQLException {
        return members.emailsTaken(c, emails);
    }

    int insertBatch(Connection c, List<ImportRow> rows, ImportBasis basis) throws SQLException {
        int added = 0;
        for (ImportRow row : rows) {
            if (members.emailTaken(c, row.details().email())) {
                continue;
            }
            MemberDetails d = row.details();
            if (basis == ImportBasis.NONE) {
                d = new MemberDetails(d.displayName(), d.email(), d.postcode(), d.phone(), false);
            }
            Member m = members.insert(c, d, null, Role.MEMBER, "import", null, clock.instant());
            members.tags().set(c, m.id(), row.tags());
            consents.started(
                    c, m.id(), Consent.Purpose.BRANCH, d.contactConsent(), Consent.How.IMPORT, basis.wording(), null);
            added++;
        }
        return added;
    }

    public List<FieldError> setTags(Acting who, MemberId id, String tags) {
        require(who, Role.ORGANISER);
        List<FieldError> errors = new ArrayList<>();
        Set<String> set = MemberValidation.tags(tags, errors);
        if (errors.isEmpty()) {
            tx.inTransaction(c -> {
                Set<String> before = Set.copyOf(members.tags().of(c, id));
                members.tags().set(c, id, set);
                // How many, never which: a tag can say more about a person than a name does, and the
                // entry outlives an erasure.
                long added = set.stream().filter(t -> !before.contains(t)).count();
                long removed = before.stream().filter(t -> !set.contains(t)).count();
                audit.record(c, who, "member.tagged", id, added + " added, " + removed + " removed");
                return null;
            });
        }
        return errors;
    }

    public List<FieldError> addNote(Acting who, MemberId id, String body) {
        require(who, Role.ORGANISER);
        String text = body == null ? "" : body.strip();
        if (text.isEmpty() || text.length() > 4000) {
            return List.of(new FieldError("note", "A note is 1 to 4,000 characters."));
        }
        tx.inTransaction(c -> {
            members.notes().add(c, id, who.member(), text, clock.instant());
            audit.record(c, who, "member.noted", id, "");
            return null;
        });
        return List.of();
    }

    /**
     * Changes a member's role; they sign in again (sessions end). Organisers make and unmake
     * organisers (branches grow their own); only admins grant or take away admin. The last admin
     * cannot be demoted.
     */
    public List<FieldError> setRole(Acting who, MemberId id, Role role) {
        require(who, Role.ORGANISER);
        List<FieldError> errors = tx.inTransaction(c -> {
            members.lockAdmins(c);
            Optional<Member> m = members.find(c, id);
            if (m.isEmpty()) {
                return List.of(new FieldError("member", "No such member."));
            }
            if (!who.can(Role.ADMIN) && (role == Role.ADMIN || m.get().role() == Role.ADMIN)) {
                return List.of(new FieldError("role", "Only an admin can grant or take away the admin role."));
            }
            if (m.get().role() == Role.ADMIN && role != Role.ADMIN && members.countWithRole(c, Role.ADMIN) <= 1) {
                return List.of(new FieldError("role", "This is the only admin: make someone else admin first."));
            }
            members.setRole(c, id, role);
            audit.record(c, who, "member.role_changed", id, m.get().role().code() + "->" + role.code());
            return List.<FieldError>of();
        });
        if (errors.isEmpty()) {
            sessions.endAll(id);
        }
        return errors;
    }

    // --- the member's own record ---

    /** Updates the member's own profile (the email address stays; changing it is an admin's job for now). */
    public List<FieldError> updateOwnProfile(
            Member self, String name, String postcode, String phone, boolean consent, boolean nationalConsent) {
        MemberValidation.Checked checked = MemberValidation.check(name, self.email(), postcode, phone, consent);
        if (checked instanceof MemberValidation.Checked.Invalid invalid) {
            return invalid.errors();
        }
        MemberDetails d = ((MemberValidation.Checked.Valid) checked).details();
        tx.inTransaction(c -> {
            members.updateDetails(c, self.id(), d);
            consents.changed(c, self.id(), Consent.Purpose.BRANCH, consent, Consent.How.OWN_CHANGE, self.id());
            consents.changed(
                    c, self.id(), Consent.Purpose.NATIONAL, nationalConsent, Consent.How.OWN_CHANGE, self.id());
            return null;
        });
        return List.of();
    }

    /**
     * What the member's own record holds, for "download my data": their details, tags, the notes
     * organisers wrote about them (a subject access request covers those too) and the audit
     * entries about them. Their RSVPs come from {@link RsvpService#ofMember}.
     */
    public OwnData ownData(Member self) {
        return tx.inTransaction(c -> {
            Member m = members.find(c, self.id()).orElseThrow();
            return new OwnData(
                    m,
                    members.tags().of(c, self.id()),
                    members.notes().of(c, self.id()),
                    audit.about(c, self.id()),
                    consents.history(c, self.id()));
        });
    }

    public record OwnData(
            Member member,
            List<String> tags,
            List<MemberNote> notes,
            List<org.branchwork.node.domain.AuditEvent> audit,
            List<Consent> consents) {}

    /**
     * An organiser corrects a member's details, email included. The audit entry names who changed
     * which fields, never the values (it must stay harmless after an erasure). Only an admin may
     * change an admin's details.
     */
    public List<FieldError> updateDetails(
            Acting who, MemberId id, String name, String email, String postcode, String phone, boolean consent) {
        require(who, Role.ORGANISER);
        MemberValidation.Checked checked = MemberValidation.check(name, email, postcode, phone, consent);
        if (checked instanceof MemberValidation.Checked.Invalid invalid) {
            return invalid.errors();
        }
        MemberDetails d = ((MemberValidation.Checked.Valid) checked).details();
        return tx.inTransaction(c -> {
            members.lockAdmins(c);
            Optional<Member> current = members.find(c, id);
            if (current.isEmpty()) {
                return List.of(new FieldError("member", "There is no member with that number."));
            }
            Member m = current.get();
            if (m.role() == Role.ADMIN && !who.can(Role.ADMIN)) {
                return List.of(new FieldError("member", "Only an admin may change an admin's details."));
            }
            boolean emailChanged = !m.email().equalsIgnoreCase(d.email());
            if (emailChanged && members.emailTaken(c, d.email())) {
                return List.of(new FieldError("email", "Another member has this email address."));
            }
            List<String> changed = new ArrayList<>();
            if (!m.displayName().equals(d.displayName())) {
                changed.add("name");
            }
            if (emailChanged) {
                changed.add("email");
            }
            if (!java.util.Objects.equals(m.postcode(), d.postcode())) {
                changed.add("postcode");
            }
            if (!java.util.Objects.equals(m.phone(), d.phone())) {
                changed.add("phone");
            }
            if (m.contactConsent() != d.contactConsent()) {
                changed.add("contact consent");
            }
            if (!changed.isEmpty()) {
                members.updateDetails(c, id, d);
                if (emailChanged) {
                    members.addressChanged(c, id);
                }
                consents.changed(
                        c, id, Consent.Purpose.BRANCH, d.contactConsent(), Consent.How.ORGANISER, who.member());
                audit.record(c, who, "member.details_changed", id, String.join(", ", changed));
            }
            return List.<FieldError>of();
        });
    }

    private static void require(Acting who, Role role) {
        if (who == null || !who.can(role)) {
            throw new NotAllowed("This needs the " + role.code() + " role.");
        }
    }
}
