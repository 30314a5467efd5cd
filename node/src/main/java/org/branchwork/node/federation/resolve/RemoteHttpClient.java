package org.branchwork.node.federation.resolve;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * The one HTTP client for all outgoing federation traffic (Apache HttpClient 5): connect and read
 * timeouts, a cap on response size, no cookies, no automatic retries, and redirects followed by
 * hand (at most five, same scheme, each hop re-signed and re-checked by the {@link SsrfGuard}).
 */
public final class RemoteHttpClient implements AutoCloseable {

    /** A response: status, headers (lower-case names), body, and the URL that finally answered. */
    public record Response(int status, Map<String, List<String>> headers, byte[] body, URI finalUri) {
        public Optional<String> header(String name) {
            List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
            return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
        }
    }

    /** A response larger than allowed; nothing of it is used. */
    public static final class TooLargeException extends IOException {
        TooLargeException(URI uri, long max) {
            super("response from " + uri + " is larger than " + max + " bytes");
        }
    }

    private static final int MAX_REDIRECTS = 5;

    private final CloseableHttpClient client;
    private final String userAgent;

    public RemoteHttpClient(SsrfGuard guard, String userAgent, int maxConnectionsPerHost) {
        PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(guard)
                .setMaxConnTotal(512)
                .setMaxConnPerRoute(maxConnectionsPerHost)
                .setDefaultSocketConfig(SocketConfig.custom()
                        .setSoTimeout(Timeout.ofSeconds(15))
                        .build())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.ofSeconds(5))
                        .setSocketTimeout(Timeout.ofSeconds(15))
                        .build())
                .build();
        this.client = HttpClients.custom()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(Timeout.ofSeconds(10))
                        .setResponseTimeout(Timeout.ofSeconds(15))
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .build();
        this.userAgent = userAgent;
    }

    /**
     * GETs a URL, following redirects of the same scheme; {@code signer} gives the headers for each
     * hop (a signed fetch must be signed for the URL it goes to).
     */
    public Response get(URI uri, Function<URI, Map<String, String>> signer, long maxBytes) throws IOException {
        URI current = uri;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpGet get = new HttpGet(current);
            signer.apply(current).forEach(get::setHeader);
            Response response = execute(get, current, maxBytes);
            if (response.status() < 300
                    || response.status() >= 400
                    || response.header("location").isEmpty()) {
                return response;
            }
            URI next = current.resolve(response.header("location").get());
            if (!next.getScheme().equalsIgnoreCase(uri.getScheme())) {
                throw new IOException("redirect from " + current + " to another scheme: " + next);
            }
            current = next;
        }
        throw new IOException("more than " + MAX_REDIRECTS + " redirects from " + uri);
    }

    /** POSTs a body with the given headers; redirects are not followed (an inbox does not move). */
    public Response post(URI uri, Map<String, String> headers, byte[] body, String contentType, long maxBytes)
            throws IOException {
        HttpPost post = new HttpPost(uri);
        headers.forEach((name, value) -> {
            if (!name.equalsIgnoreCase("host") && !name.equalsIgnoreCase("content-length")) {
                post.setHeader(name, value);
            }
        });
        post.setEntity(new ByteArrayEntity(body, ContentType.parse(contentType)));
        return execute(post, uri, maxBytes);
    }

    private Response execute(HttpUriRequestBase request, URI uri, long maxBytes) throws IOException {
        request.setHeader("User-Agent", userAgent);
        return client.execute(request, response -> {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (Header h : response.getHeaders()) {
                headers.computeIfAbsent(h.getName().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(h.getValue());
            }
            HttpEntity entity = response.getEntity();
            byte[] body = entity == null ? new byte[0] : readLimited(entity, uri, maxBytes);
            return new Response(response.getCode(), headers, body, uri);
        });
    }

    private static byte[] readLimited(HttpEntity entity, URI uri, long maxBytes) throws IOException {
        if (entity.getContentLength() > maxBytes) {
            throw new TooLargeException(uri, maxBytes);
        }
        try (InputStream in = entity.getContent()) {
            byte[] data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (data.length > maxBytes) {
                throw new TooLargeException(uri, maxBytes);
            }
            return data;
        }
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
