package org.branchwork.protocol.sig;

import java.io.IOException;
import java.io.StringReader;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Base64;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * PEM for {@code publicKeyPem}: written as SPKI ({@code BEGIN PUBLIC KEY}), as Mastodon serves it;
 * read as SPKI or PKCS#1 ({@code BEGIN RSA PUBLIC KEY}), which some older servers publish.
 */
public final class Pem {

    private static final JcaPEMKeyConverter CONVERTER = new JcaPEMKeyConverter();

    private Pem() {}

    /** SPKI PEM with 64-character lines and a trailing newline. */
    public static String writePublicKey(PublicKey key) {
        return wrap("PUBLIC KEY", key.getEncoded());
    }

    /** PKCS#8 PEM, for keeping a private key in a file or a database column. */
    public static String writePrivateKey(PrivateKey key) {
        return wrap("PRIVATE KEY", key.getEncoded());
    }

    /** Reads an SPKI or PKCS#1 public key; throws {@link IllegalArgumentException} with the reason otherwise. */
    public static PublicKey readPublicKey(String pem) {
        Object parsed = parse(pem);
        try {
            if (parsed instanceof SubjectPublicKeyInfo spki) {
                return CONVERTER.getPublicKey(spki);
            }
            if (parsed instanceof PEMKeyPair pair) {
                return CONVERTER.getPublicKey(pair.getPublicKeyInfo());
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("unreadable public key: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("not a public key PEM: " + describe(parsed));
    }

    /** Reads a PKCS#8 or PKCS#1 private key. */
    public static PrivateKey readPrivateKey(String pem) {
        Object parsed = parse(pem);
        try {
            if (parsed instanceof PrivateKeyInfo info) {
                return CONVERTER.getPrivateKey(info);
            }
            if (parsed instanceof PEMKeyPair pair) {
                return CONVERTER.getPrivateKey(pair.getPrivateKeyInfo());
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("unreadable private key: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("not a private key PEM: " + describe(parsed));
    }

    private static Object parse(String pem) {
        if (pem == null || pem.isBlank()) {
            throw new IllegalArgumentException("empty PEM");
        }
        // Some servers escape newlines or serve the PEM on one line; PEMParser needs real lines.
        String text = pem.replace("\\n", "\n").strip();
        try (PEMParser parser = new PEMParser(new StringReader(text))) {
            Object parsed = parser.readObject();
            if (parsed == null) {
                throw new IllegalArgumentException("no PEM block found");
            }
            return parsed;
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("malformed PEM: " + e.getMessage(), e);
        }
    }

    private static String describe(Object parsed) {
        return parsed == null ? "nothing" : parsed.getClass().getSimpleName();
    }

    private static String wrap(String label, byte[] der) {
        String b64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + b64 + "\n-----END " + label + "-----\n";
    }
}
