package org.branchwork.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.branchwork.node.Node;

/**
 * A mailing to a whole branch: {@code members} members imported with consent (through the import
 * form, as an organiser would), one mailing to all of them through the API, timed from the send
 * request until every recipient is queued (the answer to the request: one {@code INSERT ...
 * SELECT}) and until the local SMTP sink has taken every mail, with {@code connections} SMTP
 * connections. The node runs in-process on a file database, as a branch runs it.
 *
 * <p>Usage: {@code MailingLoad [members=100000] [connections=2]}
 */
public final class MailingLoad {

    private static final Pattern FIELD = Pattern.compile("\"(queued|sent|failed|recipients)\":(\\d+)");

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int connections = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Path data = Files.createTempDirectory("branchwork-mailing-bench");
        try (SinkSmtp sink = new SinkSmtp()) {
            Map<String, String> env = new LinkedHashMap<>(BenchNodes.FEDERATING);
            env.put("BRANCHWORK_SMTP_HOST", "127.0.0.1");
            env.put("BRANCHWORK_SMTP_PORT", String.valueOf(sink.port()));
            env.put("BRANCHWORK_SMTP_SECURITY", "none");
            env.put("BRANCHWORK_MAIL_FROM", "Stockport <branch@stockport.test>");
            env.put("BRANCHWORK_MAIL_POSTAL_ADDRESS", "1 Mersey Square, Stockport SK1 1AA");
            env.put("BRANCHWORK_MAIL_CONNECTIONS", String.valueOf(connections));
            env.put("BRANCHWORK_MAIL_MAX_RECIPIENTS", String.valueOf(Math.max(count, 1)));
            Node node = BenchNodes.start(data, "stockport", env);
            try {
                MembersLoad.importMembers(MembersLoad.setUpAndSignIn(node), count, true);
                HttpClient http = HttpClient.newHttpClient();
                URI api = URI.create("http://localhost:" + node.port() + "/api/v1/mailings");
                HttpResponse<String> created = http.send(
                        post(
                                api,
                                "{\"subject\":\"Strike fund\",\"content\":\"Dear member,\\n\\nPlease **give** to the"
                                        + " [strike fund](https://example.org/fund).\\n\\nIn solidarity\"}"),
                        HttpResponse.BodyHandlers.ofString());
                long id = Long.parseLong(field(created.body(), "\"id\":(\\d+)"));
                System.out.printf(
                        "%nmailing to %,d members (%s recipients), %d SMTP connection(s)%n",
                        count, field(created.body(), "\"recipients\":(\\d+)"), connections);

                long start = System.nanoTime();
                HttpResponse<String> sent = http.send(
                        post(URI.create(api + "/" + id + "/send"), "{}"), HttpResponse.BodyHandlers.ofString());
                long queuedNanos = System.nanoTime() - start;
                if (sent.statusCode() != 202) {
                    throw new IllegalStateException("send answered " + sent.statusCode() + ": " + sent.body());
                }
                int recipients = Integer.parseInt(field(sent.body(), "\"recipients\":(\\d+)"));
                while (sink.accepted() < recipients) {
                    Thread.sleep(100);
                }
                long doneNanos = System.nanoTime() - start;
                String state = "";
                for (int i = 0; i < 100 && !state.contains("\"state\":\"sent\""); i++) {
                    state = http.send(
                                    HttpRequest.newBuilder(URI.create(api + "/" + id))
                                            .header("Authorization", "Bearer " + BenchNodes.TOKEN)
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .body();
                    Thread.sleep(100);
                }
                Matcher m = FIELD.matcher(state);
                StringBuilder counts = new StringBuilder();
                while (m.find()) {
                    counts.append(m.group(1)).append(' ').append(m.group(2)).append("; ");
                }
                System.out.printf(
                        "| queued (send request answered) | %.2f s |%n| all taken by the SMTP sink | %.1f s |%n"
                                + "| sending rate (first to last mail at the sink) | %,.0f mails/s |%n"
                                + "| SMTP connections opened | %d |%n| mailing afterwards | %s|%n",
                        queuedNanos / 1e9,
                        doneNanos / 1e9,
                        sink.accepted() / sink.seconds(),
                        sink.connections(),
                        counts);
            } finally {
                node.close();
            }
        }
    }

    private static HttpRequest post(URI uri, String json) {
        return HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + BenchNodes.TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
    }

    private static String field(String json, String regex) {
        Matcher m = Pattern.compile(regex).matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + regex + " in " + json);
        }
        return m.group(1);
    }
}
