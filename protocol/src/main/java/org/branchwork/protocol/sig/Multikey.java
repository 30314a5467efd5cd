package org.branchwork.protocol.sig;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Arrays;

/**
 * Multikey {@code publicKeyMultibase} for Ed25519 (FEP-521a, W3C Controlled Identifiers): {@code z}
 * (base58btc) + the ed25519-pub multicodec prefix {@code 0xed 0x01} + the 32 raw key bytes.
 */
public final class Multikey {

    private static final byte[] ED25519_PUB = {(byte) 0xed, 0x01};
    private static final byte[] ED25519_PRIV = {(byte) 0x80, 0x26};

    private Multikey() {}

    public static String encode(PublicKey key) {
        return "z" + Base58.encode(KeyPairs.concat(ED25519_PUB, KeyPairs.rawEd25519(key)));
    }

    /** Reads an Ed25519 {@code publicKeyMultibase}; throws {@link IllegalArgumentException} naming what is wrong. */
    public static PublicKey decodePublic(String multibase) {
        byte[] raw = decode(multibase, ED25519_PUB, "ed25519-pub");
        return KeyPairs.ed25519PublicKey(raw);
    }

    /** Reads an Ed25519 {@code secretKeyMultibase} (multicodec ed25519-priv), as test vectors publish them. */
    public static PrivateKey decodePrivate(String multibase) {
        return KeyPairs.ed25519PrivateKey(decode(multibase, ED25519_PRIV, "ed25519-priv"));
    }

    private static byte[] decode(String multibase, byte[] prefix, String codec) {
        if (multibase == null || multibase.length() < 2 || multibase.charAt(0) != 'z') {
            throw new IllegalArgumentException("only base58btc multibase ('z' prefix) is supported");
        }
        byte[] bytes = Base58.decode(multibase.substring(1));
        if (bytes.length != 34 || bytes[0] != prefix[0] || bytes[1] != prefix[1]) {
            throw new IllegalArgumentException("not an " + codec + " multikey (expected multicodec 0x"
                    + String.format("%02x%02x", prefix[0], prefix[1]) + " and 32 key bytes)");
        }
        return Arrays.copyOfRange(bytes, 2, 34);
    }
}
