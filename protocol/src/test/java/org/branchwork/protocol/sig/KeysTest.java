package org.branchwork.protocol.sig;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.Base64;

import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeysTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void rsaKeysAre2048BitsAndRoundTripThroughSpkiPem() {
        KeyPair pair = KeyPairs.generateRsa(RANDOM);

        String pem = Pem.writePublicKey(pair.getPublic());

        assertThat(((java.security.interfaces.RSAPublicKey) pair.getPublic())
                        .getModulus()
                        .bitLength())
                .isEqualTo(2048);
        assertThat(pem).startsWith("-----BEGIN PUBLIC KEY-----\n").endsWith("-----END PUBLIC KEY-----\n");
        assertThat(pem.lines().filter(l -> !l.startsWith("-----")).allMatch(l -> l.length() <= 64))
                .isTrue();
        assertThat(Pem.readPublicKey(pem)).isEqualTo(pair.getPublic());
        assertThat(Pem.readPrivateKey(Pem.writePrivateKey(pair.getPrivate()))).isEqualTo(pair.getPrivate());
    }

    @Test
    void pkcs1PublicKeyPemIsAccepted() throws Exception {
        KeyPair pair = KeyPairs.generateRsa(RANDOM);
        var rsa = (java.security.interfaces.RSAPublicKey) pair.getPublic();
        byte[] pkcs1 = new RSAPublicKey(rsa.getModulus(), rsa.getPublicExponent()).getEncoded();
        String pem = "-----BEGIN RSA PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(pkcs1) + "\n-----END RSA PUBLIC KEY-----\n";

        assertThat(Pem.readPublicKey(pem)).isEqualTo(pair.getPublic());
        // Some servers escape the newlines inside JSON strings once too often.
        assertThat(Pem.readPublicKey(pem.replace("\n", "\\n"))).isEqualTo(pair.getPublic());
    }

    @Test
    void ed25519KeysRoundTripThroughMultikeyAndSign() {
        KeyPair pair = KeyPairs.generateEd25519(RANDOM);

        String multibase = Multikey.encode(pair.getPublic());

        assertThat(multibase).startsWith("z6Mk");
        assertThat(Multikey.decodePublic(multibase)).isEqualTo(pair.getPublic());
        byte[] sig = Signatures.sign(pair.getPrivate(), new byte[] {1, 2, 3});
        assertThat(Signatures.verify(pair.getPublic(), new byte[] {1, 2, 3}, sig))
                .isTrue();
        assertThat(Signatures.verify(pair.getPublic(), new byte[] {1, 2, 4}, sig))
                .isFalse();
        assertThat(KeyPairs.ed25519PublicOf(pair.getPrivate())).isEqualTo(pair.getPublic());
    }

    @Test
    void badKeyTextIsRefusedWithAReason() {
        assertThatThrownBy(() -> Pem.readPublicKey("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> Pem.readPublicKey("not a pem")).hasMessageContaining("no PEM block");
        assertThatThrownBy(() -> Multikey.decodePublic("u7QGwDY2Tjn93PVFWWq02piP1NE9_XRlg-c8-jhJiDqKBDw"))
                .hasMessageContaining("base58btc");
        assertThatThrownBy(() -> Multikey.decodePublic("z" + Base58.encode(new byte[34])))
                .hasMessageContaining("ed25519-pub");
        assertThatThrownBy(() -> Base58.decode("0OIl")).hasMessageContaining("not base58btc");
    }

    @Test
    void base58KeepsLeadingZeroBytes() {
        byte[] data = {0, 0, 1, 2, (byte) 255};
        assertThat(Base58.decode(Base58.encode(data))).isEqualTo(data);
        assertThat(Base58.encode(new byte[] {0, 0})).isEqualTo("11");
        assertThat(Base58.decode("11")).isEqualTo(new byte[] {0, 0});
    }
}
