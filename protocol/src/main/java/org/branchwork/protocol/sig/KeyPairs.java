package org.branchwork.protocol.sig;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.Ed25519KeyPairGenerator;
import org.bouncycastle.crypto.generators.RSAKeyPairGenerator;
import org.bouncycastle.crypto.params.Ed25519KeyGenerationParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyGenerationParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;

/**
 * Key generation (Bouncy Castle) and conversion between JDK keys and raw Ed25519 bytes. Keys are
 * handed around as JDK {@link PublicKey}/{@link PrivateKey} so callers need no Bouncy Castle types.
 */
public final class KeyPairs {

    // DER prefixes of an Ed25519 SubjectPublicKeyInfo and PKCS#8 PrivateKeyInfo (RFC 8410): the raw
    // 32-byte key follows each.
    private static final byte[] ED25519_SPKI_PREFIX = hex("302a300506032b6570032100");
    private static final byte[] ED25519_PKCS8_PREFIX = hex("302e020100300506032b657004220420");

    private KeyPairs() {}

    /** A fresh RSA-2048 key pair with public exponent 65537, as Mastodon uses. */
    public static KeyPair generateRsa(SecureRandom random) {
        RSAKeyPairGenerator generator = new RSAKeyPairGenerator();
        generator.init(new RSAKeyGenerationParameters(RSAKeyGenParameterSpec.F4, random, 2048, 100));
        AsymmetricCipherKeyPair pair = generator.generateKeyPair();
        RSAKeyParameters pub = (RSAKeyParameters) pair.getPublic();
        RSAPrivateCrtKeyParameters priv = (RSAPrivateCrtKeyParameters) pair.getPrivate();
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            PublicKey publicKey =
                    rsa.generatePublic(new java.security.spec.RSAPublicKeySpec(pub.getModulus(), pub.getExponent()));
            PrivateKey privateKey = rsa.generatePrivate(new java.security.spec.RSAPrivateCrtKeySpec(
                    priv.getModulus(),
                    priv.getPublicExponent(),
                    priv.getExponent(),
                    priv.getP(),
                    priv.getQ(),
                    priv.getDP(),
                    priv.getDQ(),
                    priv.getQInv()));
            return new KeyPair(publicKey, privateKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot build an RSA key", e);
        }
    }

    /** A fresh Ed25519 key pair. */
    public static KeyPair generateEd25519(SecureRandom random) {
        Ed25519KeyPairGenerator generator = new Ed25519KeyPairGenerator();
        generator.init(new Ed25519KeyGenerationParameters(random));
        AsymmetricCipherKeyPair pair = generator.generateKeyPair();
        byte[] seed = ((Ed25519PrivateKeyParameters) pair.getPrivate()).getEncoded();
        byte[] raw = ((Ed25519PublicKeyParameters) pair.getPublic()).getEncoded();
        return new KeyPair(ed25519PublicKey(raw), ed25519PrivateKey(seed));
    }

    /** The JDK public key for 32 raw Ed25519 public key bytes. */
    public static PublicKey ed25519PublicKey(byte[] raw) {
        requireLength(raw, 32, "Ed25519 public key");
        try {
            return KeyFactory.getInstance("Ed25519")
                    .generatePublic(new X509EncodedKeySpec(concat(ED25519_SPKI_PREFIX, raw)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key", e);
        }
    }

    /** The JDK private key for a 32-byte Ed25519 seed. */
    public static PrivateKey ed25519PrivateKey(byte[] seed) {
        requireLength(seed, 32, "Ed25519 private key seed");
        try {
            return KeyFactory.getInstance("Ed25519")
                    .generatePrivate(new PKCS8EncodedKeySpec(concat(ED25519_PKCS8_PREFIX, seed)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 private key", e);
        }
    }

    /** The 32 raw bytes of an Ed25519 public key. */
    public static byte[] rawEd25519(PublicKey key) {
        byte[] der = key.getEncoded();
        if (KeyType.of(key) != KeyType.ED25519 || der.length != 44) {
            throw new IllegalArgumentException("not an Ed25519 public key");
        }
        return Arrays.copyOfRange(der, 12, 44);
    }

    /** The 32-byte seed of an Ed25519 private key. */
    public static byte[] rawEd25519(PrivateKey key) {
        byte[] der = key.getEncoded();
        if (KeyType.of(key) != KeyType.ED25519 || der.length < 48) {
            throw new IllegalArgumentException("not an Ed25519 private key");
        }
        // PKCS#8 v1 is 48 bytes; v2 (with the public key attached) is longer, the seed still at 16.
        return Arrays.copyOfRange(der, 16, 48);
    }

    /** The public key that belongs to an Ed25519 private key. */
    public static PublicKey ed25519PublicOf(PrivateKey key) {
        return ed25519PublicKey(new Ed25519PrivateKeyParameters(rawEd25519(key), 0)
                .generatePublicKey()
                .getEncoded());
    }

    private static void requireLength(byte[] bytes, int length, String what) {
        if (bytes == null || bytes.length != length) {
            throw new IllegalArgumentException(what + " must be " + length + " bytes");
        }
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] hex(String s) {
        return java.util.HexFormat.of().parseHex(s);
    }
}
