package org.branchwork.node.it;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.branchwork.node.Node;
import org.branchwork.node.TestNodes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Members on a real node with a real (in-process) SMTP server: join, confirm by the mailed link,
 * sign in; forms from elsewhere; the online link; and the whole route x role matrix. Signing in
 * itself (where it leads, its limits) is {@link SignInIT}.
 */
class MemberAccountsIT {

    private static final String PASSWORD = "correct horse battery";

    @RegisterExtension
    final NodeWithMail nodes = new NodeWithMail();

    private TestMail mail;
    private Node node;

    @BeforeEach
    void start() {
        mail = nodes.mail();
        node = nodes.node();
    }

    @Test
    void joinConfirmByTheMailedLinkThenSignIn() throws Exception {
        Browser b = new Browser(node);
        b.get("/join");
        HttpResponse<String> joined = b.post("/join", joinForm("Jo Member", "Jo@Example.org"));
        assertThat(joined.statusCode()).isEqualTo(200);
        assertThat(joined.body()).contains("Check your email");

        String link = mail.awaitLink("jo@example.org");
        HttpResponse<String> confirmed = b.get(link.substring(link.indexOf("/join")));
        assertThat(confirmed.statusCode()).isEqualTo(303);
        assertThat(confirmed.headers().firstValue("Location")).hasValue("/me?welcome=1");
        assertThat(confirmed.headers().allValues("Set-Cookie"))
                .anySatisfy(c -> assertThat(c)
                        .startsWith("bw_session=")
                        .contains("HttpOnly")
                        .contains("SameSite=Lax"));
        assertThat(b.get("/me").body()).contains("Hello, Jo Member").contains("SK1 3XE");

        Browser later = new Browser(node);
        later.get("/signin");
        HttpResponse<String> signedIn = later.post("/signin", Map.of("email", "jo@example.org", "password", PASSWORD));
        assertThat(signedIn.statusCode()).isEqualTo(303);
        assertThat(later.get("/me").statusCode()).isEqualTo(200);
    }

    @Test
    void aFormWithoutItsCsrfTokenOrFromAnotherOriginChangesNothing() {
        Browser admin = signedIn("admin@stockport.test");
        admin.get("/me");
        HttpResponse<String> noToken = admin.postRaw("/me/profile", Map.of("name", "Mallory", "postcode", "SK1 3XE"));
        assertThat(noToken.statusCode()).isEqualTo(403);
        assertThat(noToken.body()).contains("The form expired");
        HttpResponse<String> foreign = admin.send(HttpRequest.newBuilder(admin.uri("/me/profile"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", "https://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString("csrf=" + admin.csrf() + "&name=Mallory&postcode=SK1+3XE"))
                .build());
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(foreign.body())
                .as("says which address the form came from, the node's own, and how to fix it")
                .contains("This form was sent from https://evil.example")
                .contains("this node&#39;s address is " + node.origin().uri())
                .contains("BRANCHWORK_PUBLIC_URL");
        assertThat(admin.get("/me").body()).contains("Hello, Ada Admin").doesNotContain("Mallory");
    }

    @Test
    void theOnlineLinkOfARestrictedEventReachesOnlyAcceptedParticipantsAndOrganisers() throws Exception {
        String link = "https://meet.example/secret-room-42";
        HttpResponse<String> created = TestNodes.send(HttpRequest.newBuilder(TestNodes.uri(node, "/api/v1/events"))
                .header("Authorization", "Bearer " + TestNodes.ADMIN_TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"name\": \"Strategy call\", \"content\": \"Members only.\","
                                + "\"startTime\": \"2030-05-01T19:00\", \"endTime\": \"2030-05-01T20:00\", \"timezone\": \"Europe/London\","
                                + "\"onlineUrl\": \"" + link + "\", \"joinMode\": \"restricted\"}"))
                .build());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.body()).as("the organiser sees it").contains(link);
        Matcher uuid = Pattern.compile("\"uuid\":\"([^\"]+)\"").matcher(created.body());
        assertThat(uuid.find()).isTrue();
        String event = uuid.group(1);

        Browser member = joinAndConfirm("Mo Member", "mo@example.org");
        assertThat(member.get("/api/v1/events").body())
                .contains("Strategy call")
                .doesNotContain(link);
        assertThat(member.get("/api/v1/events/" + event).body())
                .contains("\"isOnline\":true")
                .doesNotContain(link);
        member.get("/events/" + event);
        assertThat(member.post("/events/" + event + "/rsvp", Map.of()).statusCode())
                .isEqualTo(303);
        assertThat(member.get("/api/v1/events/" + event).body())
                .as("waiting for approval")
                .doesNotContain(link);
        assertThat(member.get("/events/" + event).body()).doesNotContain(link);

        HttpResponse<String> rsvps =
                TestNodes.send(HttpRequest.newBuilder(TestNodes.uri(node, "/api/v1/events/" + event + "/rsvps"))
                        .header("Authorization", "Bearer " + TestNodes.ADMIN_TOKEN)
                        .GET()
                        .build());
        Matcher rsvp = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(rsvps.body());
        assertThat(rsvp.find()).as(rsvps.body()).isTrue();
        Browser admin = signedIn("admin@stockport.test");
        admin.get("/events/" + event);
        assertThat(admin.post("/events/" + event + "/attendees/" + rsvp.group(1), Map.of("decision", "accept"))
                        .statusCode())
                .isEqualTo(303);

        assertThat(member.get("/api/v1/events/" + event).body()).as("accepted").contains(link);
        assertThat(member.get("/api/v1/events").body()).contains(link);
        assertThat(member.get("/events/" + event).body()).contains(link);
        assertThat(new Browser(node).get("/events/" + event).body()).doesNotContain(link);
    }

    /** Every route, every role: anonymous, member, organiser, admin. */
    @Test
    void theRouteByRoleMatrix() throws Exception {
        Browser member = joinAndConfirm("Mo Member", "mo@example.org");
        Browser organiser = joinAndConfirm("Olu Organiser", "olu@example.org");
        Browser admin = signedIn("admin@stockport.test");
        long organiserId = memberId("olu@example.org");
        long memberId = memberId("mo@example.org");
        HttpResponse<String> added = TestNodes.send(HttpRequest.newBuilder(TestNodes.uri(node, "/api/v1/members"))
                .header("Authorization", "Bearer " + TestNodes.ADMIN_TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"name\": \"Sam Supporter\", \"email\": \"sam@example.org\", \"postcode\": \"M1 1AE\"}"))
                .build());
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        // Changing a role ends that member's sessions, so the role row changes someone nobody here is signed in as.
        long samId = memberId("sam@example.org");
        admin.get("/organise/members/" + organiserId);
        assertThat(admin.post("/organise/members/" + organiserId + "/role", Map.of("role", "organiser"))
                        .statusCode())
                .isEqualTo(303);
        assertThat(organiser.get("/me").statusCode())
                .as("a role change ends the sessions")
                .isEqualTo(303);
        organiser = signedIn("olu@example.org");
        Browser anonymous = new Browser(node);

        List<Row> matrix = List.of(
                new Row("GET", "/", 200, 200, 200, 200),
                new Row("GET", "/join", 200, 200, 200, 200),
                new Row("GET", "/signin", 200, 200, 200, 200),
                new Row("GET", "/me", 303, 200, 200, 200),
                new Row("GET", "/me/data", 303, 200, 200, 200),
                new Row("GET", "/organise/members", 303, 403, 200, 200),
                new Row("GET", "/organise/members?q=mo&sort=name", 303, 403, 200, 200),
                new Row("GET", "/organise/members/" + memberId, 303, 404, 200, 200),
                new Row("GET", "/organise/members/999999", 303, 404, 404, 404),
                new Row("GET", "/organise/members/export.csv", 303, 403, 200, 200),
                new Row("GET", "/organise/import", 303, 403, 200, 200),
                new Row("GET", "/organise/import/1", 303, 403, 404, 404),
                new Row("GET", "/admin", 303, 403, 403, 200),
                new Row("POST", "/organise/members/" + memberId + "/tags", 303, 403, 303, 303),
                new Row("POST", "/organise/members/" + memberId + "/notes", 303, 403, 303, 303),
                new Row("POST", "/organise/members/" + samId + "/role", 303, 403, 303, 303),
                new Row("POST", "/organise/import/999999/columns", 303, 403, 303, 303),
                new Row("POST", "/admin/deliveries/requeue", 303, 403, 403, 303),
                new Row("POST", "/admin/settings/lists/add", 303, 403, 403, 303),
                new Row("GET", "/admin?audit=2", 303, 403, 403, 200),
                new Row("GET", "/api/v1/members", 401, 403, 200, 200),
                new Row("GET", "/api/v1/admin/deliveries", 401, 403, 403, 200),
                new Row("GET", "/api/v1/admin/federation", 401, 403, 403, 200),
                new Row("GET", "/api/v1/admin/inbox", 401, 403, 403, 200),
                new Row("GET", "/api/v1/admin/follow-requests", 401, 403, 403, 200));
        Map<String, Browser> roles = new LinkedHashMap<>();
        roles.put("anonymous", anonymous);
        roles.put("member", member);
        roles.put("organiser", organiser);
        roles.put("admin", admin);
        for (Row row : matrix) {
            int i = 0;
            for (var role : roles.entrySet()) {
                int expected = row.expected()[i++];
                Browser b = role.getValue();
                HttpResponse<String> res;
                if (row.method().equals("GET")) {
                    res = b.get(row.path());
                } else {
                    b.get("/me");
                    res = b.post(
                            row.path(),
                            Map.of(
                                    "tags",
                                    "canvasser",
                                    "note",
                                    "Met at the stall",
                                    "role",
                                    "member",
                                    "list",
                                    "domain-block",
                                    "value",
                                    "spam.example"));
                }
                assertThat(res.statusCode())
                        .as(row.method() + " " + row.path() + " as " + role.getKey())
                        .isEqualTo(expected);
                if (expected == 303 && role.getKey().equals("anonymous")) {
                    assertThat(res.headers().firstValue("Location").orElse("")).startsWith("/signin?next=");
                }
            }
        }

        // Every state-changing admin API route refuses who is not an admin, before it reads anything:
        // 401 for nobody, 403 for a member's or an organiser's session (from our own origin, so the
        // refusal is about the role, not the origin).
        String origin = "http://localhost:" + node.port();
        for (String[] route : new String[][] {
            {"POST", "/api/v1/admin/deliveries/requeue"},
            {"POST", "/api/v1/admin/inbox/requeue"},
            {"POST", "/api/v1/admin/follow-requests/approve"},
            {"POST", "/api/v1/admin/follow-requests/reject"},
            {"POST", "/api/v1/admin/backup"},
            {"PUT", "/api/v1/admin/federation"},
            {"POST", "/api/v1/admin/domain-blocks"},
            {"DELETE", "/api/v1/admin/domain-blocks?value=spam.example"}
        }) {
            for (var who : List.of(Map.entry(anonymous, 401), Map.entry(member, 403), Map.entry(organiser, 403))) {
                HttpResponse<String> res = who.getKey()
                        .send(HttpRequest.newBuilder(TestNodes.uri(node, route[1]))
                                .header("Origin", origin)
                                .header("Content-Type", "application/json")
                                .method(route[0], HttpRequest.BodyPublishers.ofString("{\"all\": true}"))
                                .build());
                assertThat(res.statusCode())
                        .as(route[0] + " " + route[1] + ": " + res.body())
                        .isEqualTo(who.getValue());
                assertThat(res.body()).as(route[1]).doesNotContain("cross_origin");
            }
        }

        // The admin's settings form changed the node's policy, and the audit log says who did it.
        HttpResponse<String> policy =
                TestNodes.send(HttpRequest.newBuilder(TestNodes.uri(node, "/api/v1/admin/federation"))
                        .header("Authorization", "Bearer " + TestNodes.ADMIN_TOKEN)
                        .GET()
                        .build());
        assertThat(policy.body()).contains("\"domainBlocks\":[\"spam.example\"]");
        assertThat(admin.get("/admin").body())
                .as("the entry in words, naming the admin")
                .contains("blocked the server")
                .contains("spam.example")
                .containsPattern("<td>[^<]+ \\(number \\d+\\)</td><td>blocked the server");
        admin.get("/admin");
        assertThat(admin.post("/admin/settings/federation", Map.of("mode", "open", "approval", "manual"))
                        .statusCode())
                .isEqualTo(303);
        assertThat(TestNodes.send(HttpRequest.newBuilder(TestNodes.uri(node, "/api/v1/admin/federation"))
                                .header("Authorization", "Bearer " + TestNodes.ADMIN_TOKEN)
                                .GET()
                                .build())
                        .body())
                .contains("\"followApproval\":\"manual\"");

        // Organisers make organisers; the admin role is the admins' to give and take.
        organiser.get("/organise/members/" + samId);
        HttpResponse<String> grant = organiser.post("/organise/members/" + samId + "/role", Map.of("role", "admin"));
        assertThat(grant.statusCode()).isEqualTo(422);
        assertThat(grant.body()).contains("Only an admin can grant or take away the admin role.");
        long adminId = memberId("admin@stockport.test");
        assertThat(organiser.get("/organise/members/" + adminId).body()).doesNotContain("/role\"");
        assertThat(organiser
                        .post("/organise/members/" + adminId + "/role", Map.of("role", "member"))
                        .statusCode())
                .isEqualTo(422);
        assertThat(admin.get("/admin").statusCode())
                .as("the admin is still an admin")
                .isEqualTo(200);
        assertThat(organiser.get("/organise/members/" + samId).body()).contains("<dd id=\"member-role\">member</dd>");
    }

    private Browser joinAndConfirm(String name, String email) throws Exception {
        Browser b = new Browser(node);
        b.get("/join");
        assertThat(b.post("/join", joinForm(name, email)).statusCode()).isEqualTo(200);
        String link = mail.awaitLink(email);
        assertThat(b.get(link.substring(link.indexOf("/join"))).statusCode()).isEqualTo(303);
        return b;
    }

    private Browser signedIn(String email) {
        return Browser.signedIn(node, email, PASSWORD);
    }

    private long memberId(String email) throws Exception {
        HttpResponse<String> res =
                TestNodes.send(HttpRequest.newBuilder(TestNodes.uri(node, "/api/v1/members?q=" + email))
                        .header("Authorization", "Bearer " + TestNodes.ADMIN_TOKEN)
                        .GET()
                        .build());
        Matcher m = Pattern.compile("\"id\":(\\d+)").matcher(res.body());
        assertThat(m.find()).as(res.body()).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static Map<String, String> joinForm(String name, String email) {
        return Map.of(
                "name",
                name,
                "email",
                email,
                "postcode",
                "sk13xe",
                "phone",
                "",
                "consent",
                "yes",
                "password",
                PASSWORD,
                "passwordConfirmation",
                PASSWORD);
    }

    private record Row(String method, String path, int... expected) {}
}
