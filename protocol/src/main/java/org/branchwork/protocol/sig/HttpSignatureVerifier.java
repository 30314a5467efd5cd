package org.branchwork.protocol.sig;

import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.branchwork.protocol.sig.Digests.DigestCheck;
import org.branchwork.protocol.sig.Verification.Reason;
import org.branchwork.protocol.sig.Verification.Rejected;

/**
 * Verifies draft-cavage-12 and RFC 9421 signatures on incoming requests. Use {@link #parse} to learn
 * the {@code keyId} (and fetch the key), then {@link #verify(SignatureClaim, SignableRequest, byte[], ResolvedKey)};
 * or {@link #verify(SignableRequest, byte[], KeyResolver)} for both at once.
 */
public final class HttpSignatureVerifier {

    /** The outcome of parsing: a claim to check, or a refusal before any key is needed. */
    public sealed interface Parsed {
        /** The signature parsed; check it with the key it names. */
        record Claim(SignatureClaim claim) implements Parsed {}

        /** The signature could not be parsed or is unsupported. */
        record Refused(Rejected rejection) implements Parsed {}
    }

    private final SignaturePolicy policy;
    private final Clock clock;

    public HttpSignatureVerifier(SignaturePolicy policy, Clock clock) {
        this.policy = policy;
        this.clock = clock;
    }

    /** Parses and verifies in one step, resolving the key through {@code keys}. */
    public Verification verify(SignableRequest request, byte[] body, KeyResolver keys) {
        return switch (parse(request)) {
            case Parsed.Refused refused -> refused.rejection();
            case Parsed.Claim(SignatureClaim claim) ->
                keys.resolve(claim.keyId())
                        .<Verification>map(key -> verify(claim, request, body, key))
                        .orElseGet(() -> new Rejected(Reason.UNKNOWN_KEY, "no key found for keyId " + claim.keyId()));
        };
    }

    /** Reads the request's signature headers; RFC 9421 is preferred when both are present. */
    public Parsed parse(SignableRequest request) {
        Optional<String> input = request.header("signature-input");
        try {
            if (input.isPresent()) {
                return parseRfc9421(request, input.get());
            }
            Optional<String> cavage = request.header("signature")
                    .or(() ->
                            request.header("authorization").filter(a -> a.regionMatches(true, 0, "Signature ", 0, 10)));
            if (cavage.isPresent()) {
                return parseCavage(request, cavage.get());
            }
            return refused(Reason.NO_SIGNATURE, "the request carries no Signature or Signature-Input header");
        } catch (IllegalArgumentException e) {
            return refused(Reason.MALFORMED_SIGNATURE, e.getMessage());
        }
    }

    /** Checks a parsed signature with the key it names, against the policy. */
    public Verification verify(SignatureClaim claim, SignableRequest request, byte[] body, ResolvedKey key) {
        List<String> covered = claim.covered();
        boolean cavage = claim.spec() == SignatureSpec.CAVAGE;
        boolean coversTime = covered.contains("date")
                || covered.contains(cavage ? "(created)" : "@signature-params")
                || (!cavage && claim.created() != null);
        if (!coversTime) {
            return new Rejected(Reason.DATE_NOT_COVERED, "neither date nor created is covered by the signature");
        }
        boolean hasBody = body != null && body.length > 0
                || request.method().equals("POST")
                || request.method().equals("PUT")
                || request.method().equals("PATCH");
        String digestHeader = cavage ? "digest" : "content-digest";
        if (policy.requireDigest()
                && hasBody
                && !covered.contains(digestHeader)
                && !covered.contains(cavage ? "content-digest" : "digest")) {
            return new Rejected(Reason.DIGEST_NOT_COVERED, "a request with a body must cover its " + digestHeader);
        }
        // A signature binds only what it covers: without the target, one made for another inbox or
        // another server's request could be replayed here.
        if (policy.requireTarget() && hasBody && !coversTarget(covered, cavage)) {
            return new Rejected(
                    Reason.TARGET_NOT_COVERED,
                    "a request with a body must cover its target and server ("
                            + (cavage ? "(request-target) and host" : "@target-uri, or @path and @authority") + ")");
        }
        Optional<Rejected> window = checkWindow(claim, request);
        if (window.isPresent()) {
            return window.get();
        }
        Optional<Rejected> digest = checkDigest(request, body == null ? new byte[0] : body, hasBody);
        if (digest.isPresent()) {
            return digest.get();
        }
        KeyType type;
        try {
            type = KeyType.of(key.publicKey());
        } catch (IllegalArgumentException e) {
            return new Rejected(Reason.KEY_TYPE_MISMATCH, "the key is neither RSA nor Ed25519");
        }
        Optional<Rejected> keyCheck = checkKey(claim, type, key);
        if (keyCheck.isPresent()) {
            return keyCheck.get();
        }
        boolean valid = Signatures.verify(
                key.publicKey(), claim.signingBase().getBytes(StandardCharsets.UTF_8), claim.signature());
        if (!valid) {
            return new Rejected(
                    Reason.BAD_SIGNATURE, "the signature does not match the request and key " + key.keyId());
        }
        return new Verification.Verified(key.keyId(), key.owner(), claim.spec(), type, covered);
    }

    /** The path alone binds nothing: another server's {@code /inbox} has the same one. */
    private static boolean coversTarget(List<String> covered, boolean cavage) {
        if (cavage) {
            return covered.contains("(request-target)") && covered.contains("host");
        }
        return covered.contains("@target-uri")
                || ((covered.contains("@path") || covered.contains("@request-target"))
                        && covered.contains("@authority"));
    }

    private Parsed parseCavage(SignableRequest request, String header) {
        if (header.length() > policy.maxHeaderLength()) {
            return refused(Reason.MALFORMED_SIGNATURE, "Signature header longer than " + policy.maxHeaderLength());
        }
        Map<String, String> params = CavageHeader.parse(header);
        String keyId = params.get("keyid");
        String signature = params.get("signature");
        if (keyId == null || keyId.isEmpty() || signature == null) {
            return refused(Reason.MALFORMED_SIGNATURE, "keyId and signature are required");
        }
        byte[] signatureBytes = decodeBase64(signature);
        String algorithm = params.get("algorithm");
        if (algorithm != null) {
            algorithm = algorithm.toLowerCase(Locale.ROOT);
            if (!List.of("rsa-sha256", "hs2019", "ed25519").contains(algorithm)) {
                return refused(Reason.UNSUPPORTED_ALGORITHM, "algorithm " + algorithm + " is not supported");
            }
        }
        List<String> headers = params.containsKey("headers")
                ? Arrays.stream(params.get("headers").toLowerCase(Locale.ROOT).split(" "))
                        .filter(s -> !s.isEmpty())
                        .toList()
                : List.of("date");
        // created= and expires= mean something only when the signature covers them as (created) and
        // (expires); otherwise anyone can append them to widen the window (they are not signed).
        Long created = headers.contains("(created)") ? parseLong(params.get("created"), "created") : null;
        Long expires = headers.contains("(expires)") ? parseLong(params.get("expires"), "expires") : null;
        String base;
        try {
            base = SigningBases.cavage(request, headers, created, expires);
        } catch (SigningBases.MissingComponent e) {
            return refused(Reason.COVERED_HEADER_MISSING, e.getMessage());
        }
        Instant createdAt = created != null
                ? Instant.ofEpochSecond(created)
                : (headers.contains("date") ? parseDate(request).orElse(null) : null);
        return new Parsed.Claim(new SignatureClaim(
                SignatureSpec.CAVAGE,
                keyId,
                algorithm,
                headers,
                base,
                signatureBytes,
                createdAt,
                expires == null ? null : Instant.ofEpochSecond(expires)));
    }

    private Parsed parseRfc9421(SignableRequest request, String inputHeader) {
        String signatureHeader = request.header("signature").orElse(null);
        if (signatureHeader == null) {
            return refused(Reason.MALFORMED_SIGNATURE, "Signature-Input without a Signature header");
        }
        if (inputHeader.length() > policy.maxHeaderLength() || signatureHeader.length() > policy.maxHeaderLength()) {
            return refused(Reason.MALFORMED_SIGNATURE, "signature headers longer than " + policy.maxHeaderLength());
        }
        Map<String, StructuredSignatureFields.InputMember> inputs =
                StructuredSignatureFields.parseSignatureInput(inputHeader);
        Map<String, byte[]> signatures = StructuredSignatureFields.parseSignature(signatureHeader);
        Parsed firstRefusal = null;
        for (Map.Entry<String, StructuredSignatureFields.InputMember> entry : inputs.entrySet()) {
            byte[] signature = signatures.get(entry.getKey());
            if (signature == null) {
                continue;
            }
            Parsed parsed = rfc9421Member(request, entry.getValue(), signature);
            if (parsed instanceof Parsed.Claim) {
                return parsed;
            }
            if (firstRefusal == null) {
                firstRefusal = parsed;
            }
        }
        return firstRefusal != null
                ? firstRefusal
                : refused(Reason.MALFORMED_SIGNATURE, "no Signature-Input label has a matching Signature");
    }

    private Parsed rfc9421Member(
            SignableRequest request, StructuredSignatureFields.InputMember member, byte[] signature) {
        Map<String, String> params = member.params();
        String keyId = params.get("keyid");
        if (keyId == null || keyId.isEmpty()) {
            return refused(Reason.MALFORMED_SIGNATURE, "the keyid parameter is required");
        }
        String alg = params.get("alg");
        if (alg != null && !alg.equals("rsa-v1_5-sha256") && !alg.equals("ed25519")) {
            return refused(Reason.UNSUPPORTED_ALGORITHM, "alg " + alg + " is not supported");
        }
        String base;
        try {
            base = SigningBases.rfc9421(request, member.components(), member.raw());
        } catch (SigningBases.MissingComponent e) {
            Reason reason = e.unsupported() ? Reason.UNSUPPORTED_COMPONENT : Reason.COVERED_HEADER_MISSING;
            return refused(reason, e.getMessage());
        }
        Long created = parseLong(params.get("created"), "created");
        Long expires = parseLong(params.get("expires"), "expires");
        List<String> covered = member.components().stream()
                .map(StructuredSignatureFields.Component::name)
                .toList();
        Instant createdAt = created != null
                ? Instant.ofEpochSecond(created)
                : (covered.contains("date") ? parseDate(request).orElse(null) : null);
        return new Parsed.Claim(new SignatureClaim(
                SignatureSpec.RFC9421,
                keyId,
                alg,
                covered,
                base,
                signature,
                createdAt,
                expires == null ? null : Instant.ofEpochSecond(expires)));
    }

    private Optional<Rejected> checkWindow(SignatureClaim claim, SignableRequest request) {
        Instant now = clock.instant();
        Instant created = claim.created();
        if (created == null) {
            boolean dateCovered = claim.covered().contains("date");
            return Optional.of(new Rejected(
                    dateCovered ? Reason.DATE_OUT_OF_WINDOW : Reason.DATE_MISSING,
                    dateCovered ? "the Date header is not a valid HTTP date" : "the signature has no creation time"));
        }
        if (created.isAfter(now.plus(policy.clockSkew()))) {
            return Optional.of(new Rejected(
                    Reason.DATE_OUT_OF_WINDOW,
                    "the signature was created in the future (" + created + ", now " + now + ")"));
        }
        Instant expires = claim.expires();
        if (expires != null && expires.isAfter(created.plus(policy.maxValidity()))) {
            return Optional.of(new Rejected(
                    Reason.VALIDITY_TOO_LONG,
                    "the signature claims validity beyond "
                            + policy.maxValidity().toHours() + " hours"));
        }
        Instant end = expires != null ? expires : created.plus(policy.defaultValidity());
        if (now.isAfter(end.plus(policy.clockSkew()))) {
            return Optional.of(new Rejected(
                    Reason.DATE_OUT_OF_WINDOW, "the signature expired (created " + created + ", now " + now + ")"));
        }
        if (claim.covered().contains("date") && claim.spec() == SignatureSpec.CAVAGE && created != null) {
            // A covered Date and a (created) must not disagree beyond the skew.
            Optional<Instant> date = parseDate(request);
            if (date.isPresent()
                    && Math.abs(date.get().getEpochSecond() - created.getEpochSecond())
                            > policy.clockSkew().toSeconds()) {
                return Optional.of(new Rejected(Reason.DATE_OUT_OF_WINDOW, "Date and created disagree"));
            }
        }
        return Optional.empty();
    }

    private Optional<Rejected> checkDigest(SignableRequest request, byte[] body, boolean hasBody) {
        Optional<String> digest = request.header("digest");
        Optional<String> contentDigest = request.header("content-digest");
        if (digest.isEmpty() && contentDigest.isEmpty()) {
            return hasBody && policy.requireDigest()
                    ? Optional.of(new Rejected(Reason.DIGEST_MISSING, "the request has a body but no digest header"))
                    : Optional.empty();
        }
        for (DigestCheck check : List.of(
                digest.map(d -> Digests.checkDigestHeader(d, body)).orElse(DigestCheck.MATCH),
                contentDigest
                        .map(d -> Digests.checkContentDigestHeader(d, body))
                        .orElse(DigestCheck.MATCH))) {
            switch (check) {
                case MATCH -> {}
                case MISMATCH -> {
                    return Optional.of(new Rejected(Reason.DIGEST_MISMATCH, "the body does not match its digest"));
                }
                default -> {
                    return Optional.of(new Rejected(Reason.DIGEST_MISMATCH, "the digest header is unusable: " + check));
                }
            }
        }
        return Optional.empty();
    }

    private Optional<Rejected> checkKey(SignatureClaim claim, KeyType type, ResolvedKey key) {
        String algorithm = claim.algorithm();
        KeyType expected = algorithm == null
                ? null
                : switch (algorithm) {
                    case "rsa-sha256", "rsa-v1_5-sha256" -> KeyType.RSA;
                    case "ed25519" -> KeyType.ED25519;
                    default -> null; // hs2019: the key decides
                };
        if (expected != null && expected != type) {
            return Optional.of(new Rejected(
                    Reason.KEY_TYPE_MISMATCH,
                    "algorithm " + algorithm + " needs an " + expected + " key, but " + key.keyId() + " is " + type));
        }
        if (type == KeyType.RSA
                && key.publicKey() instanceof RSAPublicKey rsa
                && rsa.getModulus().bitLength() < policy.minimumRsaBits()) {
            return Optional.of(new Rejected(
                    Reason.KEY_TOO_WEAK,
                    "RSA key of " + rsa.getModulus().bitLength() + " bits; at least " + policy.minimumRsaBits()
                            + " required"));
        }
        return Optional.empty();
    }

    private static Optional<Instant> parseDate(SignableRequest request) {
        return request.header("date").flatMap(value -> {
            try {
                return Optional.of(ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant());
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        });
    }

    private static Long parseLong(String value, String name) {
        if (value == null) {
            return null;
        }
        try {
            // draft-cavage allows fractional seconds; we keep whole seconds.
            int dot = value.indexOf('.');
            return Long.parseLong(dot >= 0 ? value.substring(0, dot) : value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is not a number");
        }
    }

    private static byte[] decodeBase64(String value) {
        try {
            return Base64.getDecoder().decode(value.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("signature is not base64");
        }
    }

    private static Parsed refused(Reason reason, String detail) {
        return new Parsed.Refused(new Rejected(reason, detail));
    }
}
