package org.branchwork.node.storage;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.branchwork.node.domain.Member;
import org.branchwork.node.domain.MemberDetails;
import org.branchwork.node.domain.MemberQuery;
import org.branchwork.node.domain.Role;

import static org.assertj.core.api.Assertions.assertThat;

class MemberSearchTest {

    private final Database db = Database.open("jdbc:hsqldb:mem:" + UUID.randomUUID(), Path.of("mem"));
    private final Transactions tx = db.transactions();
    private final MemberStore store = new MemberStore();

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void termsAreTheWordsOfNameAndAddressFoldedToLowerCaseWithoutAccents() {
        assertThat(SearchTerms.of("Siobhán O'Brien-Ní Dhuibhir", "S.OBrien+branch@Example.org"))
                .containsExactlyInAnyOrder(
                        "siobhan",
                        "o",
                        "brien",
                        "ni",
                        "dhuibhir",
                        "s",
                        "obrien",
                        "branch",
                        "example.org",
                        "s.obrien+branch@example.org");
        assertThat(SearchTerms.query("  O'Brien  jo@example.ORG ")).containsExactly("o", "brien", "jo@example.org");
    }

    @Test
    void aSearchMatchesTheStartOfWordsAndEveryWordMustMatch() {
        add("Sam Okafor", "sam@example.org", "M1 1AE", "canvasser");
        add("Priya Shah", "priya.shah@example.net", "SK4 1AA", "stall");
        add("Zoë Okafor-Shah", "zoe@example.org", "SK4 2BB", "canvasser");

        assertThat(names("oka")).containsExactlyInAnyOrder("Sam Okafor", "Zoë Okafor-Shah");
        assertThat(names("okafor shah")).containsExactly("Zoë Okafor-Shah");
        assertThat(names("zoe")).as("accents folded").containsExactly("Zoë Okafor-Shah");
        assertThat(names("example.net")).containsExactly("Priya Shah");
        assertThat(names("sam@example.org")).containsExactly("Sam Okafor");
        assertThat(names("kafor")).as("not a substring search").isEmpty();
        assertThat(names("100%_")).as("LIKE wildcards are literal").isEmpty();
        assertThat(search(new MemberQuery("shah", "SK4", "canvasser", null, MemberQuery.Sort.NAME, 1, 10))
                        .members())
                .extracting(Member::displayName)
                .containsExactly("Zoë Okafor-Shah");
    }

    @Test
    void aChangedNameIsFoundByItsNewWordsOnly() {
        Member m = add("Sam Okafor", "sam@example.org", "M1 1AE");
        tx.inTransaction(c -> {
            store.updateDetails(c, m.id(), new MemberDetails("Sam Adeyemi", "sam@example.org", "M1 1AE", "", false));
            return null;
        });

        assertThat(names("okafor")).isEmpty();
        assertThat(names("adeyemi")).containsExactly("Sam Adeyemi");
    }

    @Test
    void theUnfilteredTotalIsExactAfterInsertsAndDeletes() {
        Member a = add("A One", "a@example.org", "M1 1AE");
        add("B Two", "b@example.org", "M1 1AE");
        add("C Three", "c@example.org", "M1 1AE");
        tx.inTransaction(c -> store.delete(c, a.id()));

        MemberStore.Page page = search(new MemberQuery("", "", "", null, MemberQuery.Sort.NEWEST, 1, 10));

        assertThat(page.total()).isEqualTo(2).isEqualTo(countStar());
        assertThat(page.members()).extracting(Member::displayName).containsExactly("C Three", "B Two");
    }

    private Member add(String name, String email, String postcode, String... tags) {
        return tx.inTransaction(c -> {
            Member m = store.insert(
                    c,
                    new MemberDetails(name, email, postcode, "", true),
                    null,
                    Role.MEMBER,
                    "test",
                    null,
                    Instant.now());
            store.tags().set(c, m.id(), Set.of(tags));
            return m;
        });
    }

    private List<String> names(String q) {
        return search(new MemberQuery(q, "", "", null, MemberQuery.Sort.NAME, 1, 50)).members().stream()
                .map(Member::displayName)
                .toList();
    }

    private MemberStore.Page search(MemberQuery q) {
        return tx.inTransaction(c -> store.search(c, q));
    }

    private long countStar() {
        return tx.inTransaction(c -> count(c));
    }

    private static long count(Connection c) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM member")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
