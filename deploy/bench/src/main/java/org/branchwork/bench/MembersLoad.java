package org.branchwork.bench;

import java.io.InputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.branchwork.node.Node;

/**
 * Organiser tools at branch scale: a real node in-process, {@code members} members brought in
 * through the CSV import (as an organiser would, through the web form), then the member list page
 * (first page, name search, postcode and tag filters, a deep page sorted by name) and the full CSV
 * export, each timed over HTTP on loopback with a signed-in admin's session.
 *
 * <p>Usage: {@code MembersLoad [members=100000] [requests-per-query=100]}
 */
public final class MembersLoad {

    private static final String PASSWORD = "benchmark password";
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final String[] GIVEN = {
        "Amara", "Ben", "Chloe", "Dev", "Ebony", "Femi", "Grace", "Hamza", "Isla", "Jo", "Kwame", "Leah", "Mo", "Niamh",
        "Olu", "Priya", "Quinn", "Rosa", "Sam", "Tariq"
    };
    private static final String[] FAMILY = {
        "Okafor",
        "Shah",
        "Lindqvist",
        "Murphy",
        "Nowak",
        "Evans",
        "Khan",
        "Taylor",
        "Williams",
        "Brown",
        "Jones",
        "Ahmed",
        "Smith",
        "Patel",
        "Walsh",
        "Clarke",
        "Hughes",
        "Begum",
        "Ali",
        "Wood"
    };
    private static final String[] OUTWARD = {
        "SK1", "SK2", "SK3", "SK4", "SK5", "SK6", "SK7", "M1", "M4", "M14", "M20", "OL6"
    };
    private static final String[] TAGS = {"canvasser", "stall", "leaflets", "driver", "phonebank", "steward"};

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int perQuery = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        Path data = Files.createTempDirectory("branchwork-members-bench");
        Node node = BenchNodes.start(data, "stockport", Map.of());
        try {
            Session admin = setUpAndSignIn(node);

            System.out.printf(
                    "members: %,d; list queries: %d requests each after 10 warm-up requests%n", count, perQuery);
            importMembers(admin, count, false);
            Map<String, String> queries = new LinkedHashMap<>();
            queries.put("first page, newest first", "/organise/members");
            queries.put("name search (\"okafor\")", "/organise/members?q=okafor");
            queries.put("email search (exact address)", "/organise/members?q=member77777%40example.org");
            queries.put("postcode prefix SK4", "/organise/members?postcode=SK4");
            queries.put("tag canvasser, sorted by name", "/organise/members?tag=canvasser&sort=name");
            queries.put("page 1,000 sorted by name", "/organise/members?sort=name&page=1000");
            queries.put("search + postcode + tag + page 3", "/organise/members?q=shah&postcode=SK&tag=stall&page=3");
            System.out.printf("%n| member list query | p50 | p99 | max |%n| --- | ---: | ---: | ---: |%n");
            for (var q : queries.entrySet()) {
                long[] nanos = new long[perQuery];
                for (int i = -10; i < perQuery; i++) {
                    long start = System.nanoTime();
                    HttpResponse<String> res = admin.get(q.getValue());
                    long took = System.nanoTime() - start;
                    if (res.statusCode() != 200) {
                        throw new IllegalStateException(q.getValue() + " answered " + res.statusCode());
                    }
                    if (i >= 0) {
                        nanos[i] = took;
                    }
                }
                Arrays.sort(nanos);
                System.out.printf(
                        "| %s | %s | %s | %s |%n",
                        q.getKey(),
                        ms(nanos[perQuery / 2]),
                        ms(nanos[(int) Math.ceil(perQuery * 0.99) - 1]),
                        ms(nanos[perQuery - 1]));
            }
            System.out.printf("%n| CSV export of every member | time to last byte | bytes | rows |%n"
                    + "| --- | ---: | ---: | ---: |%n");
            for (int run = 1; run <= 3; run++) {
                long start = System.nanoTime();
                HttpResponse<InputStream> res = admin.client.send(
                        admin.request("/organise/members/export.csv").GET().build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                long bytes = 0;
                long lines = 0;
                byte[] buffer = new byte[1 << 16];
                try (InputStream in = res.body()) {
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        bytes += n;
                        for (int i = 0; i < n; i++) {
                            if (buffer[i] == '\n') {
                                lines++;
                            }
                        }
                    }
                }
                long took = System.nanoTime() - start;
                System.out.printf("| run %d | %s | %,d | %,d |%n", run, ms(took), bytes, lines - 1);
            }
        } finally {
            node.close();
        }
    }

    /** Sets the new node up with an admin (Ada), which signs her in. */
    static Session setUpAndSignIn(Node node) throws Exception {
        Session admin = new Session(node.origin().uri());
        admin.post(
                "/setup",
                Map.of(
                        "code",
                        node.setupCode().orElseThrow(),
                        "adminName",
                        "Ada Admin",
                        "adminEmail",
                        "admin@stockport.test",
                        "password",
                        PASSWORD,
                        "passwordConfirmation",
                        PASSWORD));
        return admin;
    }

    /**
     * Imports {@code count} generated members through the import form, on the basis of the file's
     * consent column: everyone consents when {@code allConsent}, else about half.
     */
    static void importMembers(Session admin, int count, boolean allConsent) throws Exception {
        Random random = new Random(42);
        StringBuilder csv = new StringBuilder("name,email,postcode,phone,contact_consent,tags\n");
        for (int i = 0; i < count; i++) {
            String tags = random.nextInt(3) == 0
                    ? TAGS[random.nextInt(TAGS.length)] + ", " + TAGS[random.nextInt(TAGS.length)]
                    : random.nextBoolean() ? TAGS[random.nextInt(TAGS.length)] : "";
            csv.append(GIVEN[random.nextInt(GIVEN.length)])
                    .append(' ')
                    .append(FAMILY[random.nextInt(FAMILY.length)])
                    .append(",member")
                    .append(i)
                    .append("@example.org,")
                    .append(OUTWARD[random.nextInt(OUTWARD.length)])
                    .append(' ')
                    .append(1 + random.nextInt(9))
                    .append((char) ('A' + random.nextInt(20)))
                    .append((char) ('A' + random.nextInt(20)))
                    .append(',')
                    .append(random.nextInt(4) == 0 ? "07700 9" + String.format("%05d", i % 100_000) : "")
                    .append(',')
                    .append(allConsent || random.nextBoolean() ? "yes" : "no")
                    .append(",\"")
                    .append(tags)
                    .append("\"\n");
        }
        byte[] file = csv.toString().getBytes(StandardCharsets.UTF_8);
        String csrf = admin.csrfFrom("/organise/import");
        String boundary = "----branchwork" + Long.toHexString(random.nextLong());
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" + csrf + "\r\n--"
                        + boundary
                        + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"members.csv\"\r\nContent-Type: text/csv\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        long start = System.nanoTime();
        HttpResponse<String> uploaded = admin.client.send(
                admin.request("/organise/import")
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArrays(java.util.List.of(head, file, tail)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        String location = uploaded.headers()
                .firstValue("Location")
                .orElseThrow(() -> new IllegalStateException("upload answered " + uploaded.statusCode()));
        long validated = System.nanoTime();
        admin.post(location + "/start", Map.of("csrf", admin.csrfFrom(location), "basis", "column"));
        while (!admin.get(location).body().contains("id=\"import-done\"")) {
            Thread.sleep(200);
        }
        long done = System.nanoTime();
        System.out.printf(
                "%n| import of a %,d-row CSV (%,.1f MB) | time |%n| --- | ---: |%n", count, file.length / 1e6);
        System.out.printf(
                "| upload and validation report | %s |%n| commit in batches of 500 | %s (%,.0f rows/s) |%n",
                ms(validated - start), ms(done - validated), count / ((done - validated) / 1e9));
    }

    private static String ms(long nanos) {
        return nanos >= 10_000_000_000L ? String.format("%.1f s", nanos / 1e9) : String.format("%.1f ms", nanos / 1e6);
    }

    /** A signed-in browser, as far as the server can tell: cookies, the CSRF field, our Origin. */
    static final class Session {
        final URI origin;
        final HttpClient client = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();

        Session(URI origin) {
            this.origin = origin;
        }

        HttpRequest.Builder request(String path) {
            return HttpRequest.newBuilder(origin.resolve(path)).header("Origin", origin.toString());
        }

        HttpResponse<String> get(String path) throws Exception {
            return client.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
        }

        String csrfFrom(String path) throws Exception {
            Matcher m = CSRF.matcher(get(path).body());
            if (!m.find()) {
                throw new IllegalStateException("no CSRF field on " + path);
            }
            return m.group(1);
        }

        void signIn(String email, String password) throws Exception {
            post("/signin", Map.of("csrf", csrfFrom("/signin"), "email", email, "password", password));
        }

        void post(String path, Map<String, String> fields) throws Exception {
            String body = fields.entrySet().stream()
                    .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            HttpResponse<String> res = client.send(
                    request(path)
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (res.statusCode() != 303) {
                throw new IllegalStateException("POST " + path + " answered " + res.statusCode() + ": " + res.body());
            }
        }
    }
}
