package org.branchwork.protocol.sig;

import java.util.List;
import java.util.Locale;

/**
 * Builds the text that is signed, identically for signing and verifying: the draft-cavage signing
 * string and the RFC 9421 signature base.
 */
final class SigningBases {

    /** A component the request cannot supply; the message names it. */
    static final class MissingComponent extends Exception {
        private final boolean unsupported;

        MissingComponent(String message) {
            this(message, false);
        }

        MissingComponent(String message, boolean unsupported) {
            super(message, null, false, false);
            this.unsupported = unsupported;
        }

        /** True when the component is one we do not implement, false when the request lacks a header. */
        boolean unsupported() {
            return unsupported;
        }
    }

    private SigningBases() {}

    /** draft-cavage-12 §2.3: one {@code name: value} line per covered header, joined by newlines. */
    static String cavage(SignableRequest request, List<String> headers, Long created, Long expires)
            throws MissingComponent {
        StringBuilder sb = new StringBuilder();
        for (String name : headers) {
            if (!sb.isEmpty()) {
                sb.append('\n');
            }
            sb.append(name).append(": ");
            switch (name) {
                case "(request-target)" ->
                    sb.append(request.method().toLowerCase(Locale.ROOT))
                            .append(' ')
                            .append(request.pathAndQuery());
                case "(created)" -> sb.append(require(created, name));
                case "(expires)" -> sb.append(require(expires, name));
                default ->
                    sb.append(request.header(name)
                            .orElseThrow(
                                    () -> new MissingComponent("covered header '" + name + "' is not in the request")));
            }
        }
        return sb.toString();
    }

    /** RFC 9421 §2.5: one {@code "name": value} line per component, then {@code "@signature-params"}. */
    static String rfc9421(
            SignableRequest request, List<StructuredSignatureFields.Component> components, String signatureParams)
            throws MissingComponent {
        StringBuilder sb = new StringBuilder();
        for (StructuredSignatureFields.Component c : components) {
            if (!c.params().isEmpty()) {
                throw new MissingComponent(
                        "component parameters are not supported: \"" + c.name() + "\";"
                                + String.join(";", c.params().keySet()),
                        true);
            }
            sb.append('"')
                    .append(c.name())
                    .append("\": ")
                    .append(componentValue(request, c.name()))
                    .append('\n');
        }
        return sb.append("\"@signature-params\": ").append(signatureParams).toString();
    }

    private static String componentValue(SignableRequest request, String name) throws MissingComponent {
        return switch (name) {
            case "@method" -> request.method();
            case "@target-uri" -> request.target().toString();
            case "@authority" -> request.authority();
            case "@scheme" -> request.target().getScheme().toLowerCase(Locale.ROOT);
            case "@request-target" -> request.pathAndQuery();
            case "@path" ->
                request.target().getRawPath() == null
                                || request.target().getRawPath().isEmpty()
                        ? "/"
                        : request.target().getRawPath();
            case "@query" ->
                "?"
                        + (request.target().getRawQuery() == null
                                ? ""
                                : request.target().getRawQuery());
            default -> {
                if (name.startsWith("@")) {
                    throw new MissingComponent("derived component " + name + " is not supported", true);
                }
                yield request.header(name)
                        .orElseThrow(() -> new MissingComponent("covered header '" + name + "' is not in the request"));
            }
        };
    }

    private static long require(Long value, String name) throws MissingComponent {
        if (value == null) {
            throw new MissingComponent(name + " is covered but the signature has no such parameter");
        }
        return value;
    }
}
