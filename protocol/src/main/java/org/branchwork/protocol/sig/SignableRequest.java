package org.branchwork.protocol.sig;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The parts of an HTTP request that signatures cover: method, absolute target URI and headers
 * (names compared case-insensitively). The body is passed separately where a digest is checked.
 *
 * @param method  the request method, e.g. {@code POST}
 * @param target  the absolute request URI, as the sender addressed it
 * @param headers header values by lower-cased name, in the order received
 */
public record SignableRequest(String method, URI target, Map<String, List<String>> headers) {

    public SignableRequest {
        method = method.toUpperCase(Locale.ROOT);
        Map<String, List<String>> copy = new LinkedHashMap<>();
        headers.forEach((name, values) -> copy.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                .addAll(values));
        copy.replaceAll((k, v) -> List.copyOf(v));
        headers = java.util.Collections.unmodifiableMap(copy);
    }

    /** A request with no headers yet. */
    public static SignableRequest of(String method, URI target) {
        return new SignableRequest(method, target, Map.of());
    }

    /** A copy with one more header value (added after any existing ones). */
    public SignableRequest withHeader(String name, String value) {
        Map<String, List<String>> copy = new LinkedHashMap<>(headers);
        List<String> values = new ArrayList<>(copy.getOrDefault(name.toLowerCase(Locale.ROOT), List.of()));
        values.add(value);
        copy.put(name.toLowerCase(Locale.ROOT), values);
        return new SignableRequest(method, target, copy);
    }

    /** The header's values trimmed and joined with {@code ", "}, as both signature specs canonicalise them. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        if (values == null || values.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(String.join(", ", values.stream().map(String::strip).toList()));
    }

    /** {@code host[:port]} in lower case, the port left out when it is the scheme's default. */
    public String authority() {
        String host = target.getHost().toLowerCase(Locale.ROOT);
        int port = target.getPort();
        boolean defaultPort = port == -1
                || (port == 443 && "https".equalsIgnoreCase(target.getScheme()))
                || (port == 80 && "http".equalsIgnoreCase(target.getScheme()));
        return defaultPort ? host : host + ":" + port;
    }

    /** The path and query as sent on the request line: {@code /inbox?x=1}. */
    public String pathAndQuery() {
        String path = target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath();
        return target.getRawQuery() == null ? path : path + "?" + target.getRawQuery();
    }
}
