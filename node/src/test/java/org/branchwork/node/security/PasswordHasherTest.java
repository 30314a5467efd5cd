package org.branchwork.node.security;

import java.security.SecureRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher(new SecureRandom());

    @Test
    void hashIsAnArgon2idPhcStringWithAtLeastOwaspParameters() {
        String phc = hasher.hash("correct horse battery");

        assertThat(phc).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(phc.split("\\$")).hasSize(6);
    }

    @Test
    void matchesOnlyTheRightPassword() {
        String phc = hasher.hash("correct horse battery");

        assertThat(hasher.matches("correct horse battery", phc)).isTrue();
        assertThat(hasher.matches("correct horse batterY", phc)).isFalse();
        assertThat(hasher.matches("", phc)).isFalse();
    }

    @Test
    void samePasswordTwiceGetsDifferentSalts() {
        assertThat(hasher.hash("same password")).isNotEqualTo(hasher.hash("same password"));
    }

    @Test
    void malformedStoredHashesNeverMatch() {
        assertThat(hasher.matches("x", null)).isFalse();
        assertThat(hasher.matches("x", "")).isFalse();
        assertThat(hasher.matches("x", "$argon2i$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA"))
                .isFalse();
        assertThat(hasher.matches("x", "$argon2id$v=19$m=1,t=0,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA"))
                .isFalse();
        assertThat(hasher.matches("x", "$argon2id$v=19$m=19456,t=2,p=1$!!!$???"))
                .isFalse();
    }

    @Test
    void verifiesAHashMadeWithOtherParameters() {
        PasswordHasher light = new PasswordHasher(8 * 1024, 1, 1, new SecureRandom());

        assertThat(hasher.matches("pw", light.hash("pw"))).isTrue();
    }
}
