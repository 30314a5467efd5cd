package org.branchwork.node.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.branchwork.node.Node;
import org.branchwork.node.TestClock;
import org.branchwork.node.TestNodes;
import org.branchwork.node.testing.ApiClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.branchwork.node.testing.Await.until;

/**
 * The mails an event needs, as a member receives them from a real node: the RSVP's confirmation
 * with the event's calendar file attached, the cancellation with the organisers' reason, and the
 * reminder the day before whose "can't come" link frees the place without signing in.
 */
class EventMailIT {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    private final TestClock clock = TestClock.startingNow();

    @RegisterExtension
    final NodeWithMail nodes = new NodeWithMail(clock);

    private TestMail mail;
    private Node node;
    private ApiClient api;

    @BeforeEach
    void start() {
        mail = nodes.mail();
        node = nodes.node();
        api = TestNodes.api(node);
    }

    private long member(String name, String email) {
        // No consent to mailings: the mails an event needs do not need it.
        HttpResponse<String> r = api.post(
                "/api/v1/members",
                "{\"name\":\"" + name + "\",\"email\":\"" + email
                        + "\",\"postcode\":\"SK1 3XE\",\"contactConsent\":false}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return ApiClient.json(r).get("id").asLong();
    }

    private String event(String name, ZonedDateTime start) {
        HttpResponse<String> r = api.post(
                "/api/v1/events",
                "{\"name\":\"" + name + "\",\"content\":\"Bring leaflets.\","
                        + "\"startTime\":\"" + LOCAL.format(start) + "\",\"endTime\":\""
                        + LOCAL.format(start.plusHours(2))
                        + "\",\"timezone\":\"Europe/London\",\"location\":{\"name\":\"Town Hall\",\"address\":\"Edward St\"},"
                        + "\"category\":\"meeting\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return ApiClient.json(r).get("uuid").asText();
    }

    private void rsvp(String event, long member) {
        HttpResponse<String> r = api.post("/api/v1/events/" + event + "/rsvps", "{\"member\":" + member + "}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    private MimeMessage awaitMail(String to, String subjectStart) {
        until(
                to + " got \"" + subjectStart + "\"",
                () -> mail.to(to).stream().anyMatch(m -> subject(m).startsWith(subjectStart)));
        return mail.to(to).stream()
                .filter(m -> subject(m).startsWith(subjectStart))
                .findFirst()
                .orElseThrow();
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anRsvpIsConfirmedWithTheCalendarFileAndACancellationSaysWhy() throws Exception {
        long ann = member("Ann Able", "ann@example.org");
        String uuid = event(
                "Winter meeting",
                ZonedDateTime.now(LONDON).plusDays(10).withHour(19).withMinute(0));
        rsvp(uuid, ann);

        MimeMessage confirmed = awaitMail("ann@example.org", "You're going: Winter meeting");
        assertThat(confirmed.getHeader("List-Unsubscribe")).as("not bulk mail").isNull();
        assertThat(confirmed.getContentType()).startsWith("multipart/mixed");
        Multipart parts = (Multipart) confirmed.getContent();
        assertThat((String) parts.getBodyPart(0).getContent())
                .contains("Town Hall, Edward St")
                .contains("19:00");
        BodyPart ics = parts.getBodyPart(1);
        assertThat(ics.getContentType()).startsWith("text/calendar");
        assertThat(ics.getFileName()).isEqualTo("invite.ics");
        String calendar = new String(ics.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(calendar)
                .contains("BEGIN:VEVENT")
                .contains("SUMMARY:Winter meeting")
                .contains("TZID=Europe/London")
                .contains("STATUS:CONFIRMED");

        HttpResponse<String> cancelled =
                api.post("/api/v1/events/" + uuid + "/cancel", "{\"reason\":\"The hall is flooded.\"}");
        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
        MimeMessage told = awaitMail("ann@example.org", "Cancelled: Winter meeting");
        Multipart toldParts = (Multipart) told.getContent();
        assertThat((String) toldParts.getBodyPart(0).getContent()).contains("The hall is flooded.");
        assertThat(new String(
                        toldParts.getBodyPart(1).getInputStream().readAllBytes(),
                        java.nio.charset.StandardCharsets.UTF_8))
                .contains("STATUS:CANCELLED");
    }

    @Test
    void theReminderTheDayBeforeLetsAMemberSayTheyCannotComeWithoutSigningIn() throws Exception {
        long ann = member("Ann Able", "ann@example.org");
        long ben = member("Ben Busy", "ben@example.org");
        LocalDateTime later = LocalDateTime.ofInstant(clock.instant(), LONDON)
                .plusHours(30)
                .withSecond(0)
                .withNano(0);
        String uuid = event("Street stall", later.atZone(LONDON));
        rsvp(uuid, ann);
        rsvp(uuid, ben);
        api.call("DELETE", "/api/v1/events/" + uuid + "/rsvps", "{\"member\":" + ben + "}");
        // The day before: 23 hours ahead, the reminder is due.
        clock.advance(java.time.Duration.ofHours(7));

        MimeMessage reminder = awaitMail("ann@example.org", "Tomorrow: Street stall");
        String text = (String) reminder.getContent();
        Matcher no = Pattern.compile("Can't come\\? (http://\\S+)").matcher(text);
        assertThat(no.find()).as(text).isTrue();
        URI cantCome = URI.create(no.group(1));
        // Ben withdrew before the reminder went: he gets none.
        Thread.sleep(1500);
        assertThat(mail.to("ben@example.org")).noneMatch(m -> subject(m).startsWith("Tomorrow:"));
        assertThat(mail.to("ann@example.org"))
                .filteredOn(m -> subject(m).startsWith("Tomorrow:"))
                .hasSize(1);

        HttpClient plain = HttpClient.newHttpClient();
        HttpResponse<String> asked =
                plain.send(HttpRequest.newBuilder(cantCome).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(asked.statusCode()).isEqualTo(200);
        assertThat(asked.body()).contains("I can't come");
        assertThat(participants(uuid)).as("a visit alone changes nothing").isEqualTo(1);

        String action = cantCome.getPath();
        HttpResponse<String> answered = plain.send(
                HttpRequest.newBuilder(cantCome.resolve(action))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("answer=no"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answered.statusCode()).isEqualTo(200);
        assertThat(answered.body()).contains("your place is free");
        assertThat(participants(uuid)).isZero();

        HttpResponse<String> forged = plain.send(
                HttpRequest.newBuilder(cantCome.resolve(action.substring(0, action.length() - 2) + "xx"))
                        .POST(HttpRequest.BodyPublishers.ofString("answer=yes"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(404);
        assertThat(participants(uuid)).isZero();
    }

    private int participants(String uuid) {
        JsonNode e = ApiClient.json(api.get("/api/v1/events/" + uuid));
        return e.path("participantCount").asInt(-1);
    }
}
