package org.branchwork.node.architecture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.branchwork.node.domain.Member;
import org.branchwork.node.domain.MemberDetails;
import org.branchwork.node.domain.MemberNote;
import org.branchwork.node.domain.MemberQuery;
import org.branchwork.node.service.AccountService;
import org.branchwork.node.service.MemberImportService;
import org.branchwork.node.service.MemberService;
import org.branchwork.node.service.SessionService;
import org.branchwork.node.storage.AttendanceStore;
import org.branchwork.node.storage.ConsentStore;
import org.branchwork.node.storage.ElectorateStore;
import org.branchwork.node.storage.EmailTokenStore;
import org.branchwork.node.storage.MailQueueStore;
import org.branchwork.node.storage.MailingStore;
import org.branchwork.node.storage.MemberImportStore;
import org.branchwork.node.storage.MemberNotes;
import org.branchwork.node.storage.MemberStore;
import org.branchwork.node.storage.MemberTags;
import org.branchwork.node.storage.SessionStore;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Member data stays home, as structure: the member tables are read only by their stores, the
 * stores are used only by the member services, and nothing under {@code federation} can reach
 * either or even name a member type. {@code MemberDataStaysHomeIT} checks the same from outside.
 */
class MemberDataBoundaryTest {

    private static final Class<?>[] MEMBER_STORES = {
        MemberStore.class,
        SessionStore.class,
        EmailTokenStore.class,
        MemberImportStore.class,
        ConsentStore.class,
        MemberTags.class,
        MemberNotes.class,
        MailingStore.class,
        MailQueueStore.class,
        ElectorateStore.class,
        // The door list shows each attendee's name and address, so it reads the member table.
        AttendanceStore.class
    };
    private static final Set<String> MEMBER_TABLES = Set.of(
            "member",
            "member_tag",
            "member_note",
            "web_session",
            "email_token",
            "member_import",
            "member_import_row",
            "member_import_problem",
            "member_import_file",
            "member_search_term",
            "member_consent",
            "mail_out",
            "consultation_elector");
    private static final Pattern SQL_ON_TABLE =
            Pattern.compile("\\b(?:from|join|into|update|table)\\s+(\\w+)\\b", Pattern.CASE_INSENSITIVE);

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.branchwork.node");
    }

    @Test
    void federationCodeCannotReachMembers() {
        noClasses()
                .that()
                .resideInAPackage("org.branchwork.node.federation..")
                .should()
                .dependOnClassesThat()
                .belongToAnyOf(
                        MemberStore.class,
                        SessionStore.class,
                        EmailTokenStore.class,
                        MemberImportStore.class,
                        MemberService.class,
                        MemberImportService.class,
                        AccountService.class,
                        SessionService.class,
                        Member.class,
                        MemberDetails.class,
                        MemberNote.class,
                        MemberQuery.class)
                .because("no federation code may read member data (SPEC: member data stays home)")
                .check(classes);
    }

    @Test
    void memberStoresAreUsedOnlyByTheMemberServices() {
        // The composition root (Node and its assemblies, the package itself and no sub-package) only wires them.
        noClasses()
                .that()
                .resideOutsideOfPackages(
                        "org.branchwork.node.service..", "org.branchwork.node.storage..", "org.branchwork.node")
                .should()
                .dependOnClassesThat()
                .belongToAnyOf(MEMBER_STORES)
                .because(
                        "member tables are reachable only through the members service; the composition root only wires them")
                .check(classes);
    }

    @Test
    void onlyTheMemberStoresNameTheMemberTablesInSql() throws IOException {
        Set<String> allowed = java.util.Arrays.stream(MEMBER_STORES)
                .map(store -> store.getSimpleName() + ".java")
                .collect(java.util.stream.Collectors.toSet());
        List<String> offenders;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            offenders = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !allowed.contains(p.getFileName().toString()))
                    // Schema migrations name every table by nature.
                    .filter(p -> !p.toString().contains("db/migration"))
                    .filter(MemberDataBoundaryTest::namesAMemberTable)
                    .map(Path::toString)
                    .toList();
        }
        assertThat(offenders)
                .as("Java sources with SQL on a member table outside the member stores")
                .isEmpty();
    }

    /**
     * Ballot secrecy, as structure (docs/decisions/0004): no source but the migration names both
     * the roll of who voted and the ballots, so no query can join them.
     */
    @Test
    void noSourceNamesBothTheRollAndTheBallots() throws IOException {
        List<String> offenders;
        try (Stream<Path> files = Files.walk(Path.of("src/main"))) {
            offenders = files.filter(Files::isRegularFile)
                    .filter(p -> !p.toString().contains("db/migration"))
                    .filter(p -> {
                        try {
                            String text = Files.readString(p);
                            return text.contains("consultation_elector") && text.contains("consultation_ballot");
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .map(Path::toString)
                    .toList();
        }
        assertThat(offenders)
                .as("sources naming both consultation_elector and consultation_ballot")
                .isEmpty();
    }

    @Test
    void theSqlScanRecognisesAMemberTable() {
        assertThat(SQL_ON_TABLE
                        .matcher("SELECT email FROM member WHERE id = ?")
                        .results()
                        .anyMatch(m -> MEMBER_TABLES.contains(m.group(1).toLowerCase())))
                .isTrue();
    }

    private static boolean namesAMemberTable(Path file) {
        try {
            return SQL_ON_TABLE
                    .matcher(Files.readString(file))
                    .results()
                    .anyMatch(m -> MEMBER_TABLES.contains(m.group(1).toLowerCase()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
