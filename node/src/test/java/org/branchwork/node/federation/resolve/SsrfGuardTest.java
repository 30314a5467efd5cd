package org.branchwork.node.federation.resolve;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SsrfGuardTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "127.0.0.1",
                "127.1.2.3",
                "10.0.0.1",
                "172.16.0.1",
                "172.31.255.255",
                "192.168.1.1",
                "169.254.169.254",
                "100.64.0.1",
                "100.127.255.255",
                "0.0.0.0",
                "192.0.0.8",
                "198.18.0.1",
                "224.0.0.1",
                "255.255.255.255",
                "::1",
                "::",
                "fe80::1",
                "fc00::1",
                "fd12:3456::1",
                "::ffff:127.0.0.1",
                "::ffff:10.1.2.3",
                "64:ff9b::a9fe:a9fe",
                "2001:db8::1",
                "2002:7f00:1::1",
                // local-use NAT64, Teredo, IPv4-translated, 6to4 of a public address, and other IANA special ranges
                "64:ff9b:1::808:808",
                "2001:0:4136:e378:8000:63bf:3fff:fdd2",
                "::ffff:0:808:808",
                "2002:808:808::1",
                "100::1",
                "2001:2::1",
                "2001:10::1",
                "3fff::1",
                "5f00::1",
                "ff02::1",
                "fec0::1",
                "192.31.196.1",
                "192.52.193.1",
                "192.88.99.1",
                "192.175.48.1",
                "240.0.0.1"
            })
    void refusesNonPublicAddresses(String address) throws UnknownHostException {
        assertThat(SsrfGuard.isForbidden(InetAddress.getByName(address)))
                .as(address)
                .isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "1.1.1.1",
                "8.8.8.8",
                "172.32.0.1",
                "100.128.0.1",
                "192.169.0.1",
                "2606:4700:4700::1111",
                "::ffff:8.8.8.8",
                "64:ff9b::808:808",
                "2a01:4f8::1",
                "2001:4860:4860::8888"
            })
    void allowsPublicAddresses(String address) throws UnknownHostException {
        assertThat(SsrfGuard.isForbidden(InetAddress.getByName(address)))
                .as(address)
                .isFalse();
    }

    @Test
    void ipv4MappedAddressesAsTheResolverReturnsThemAreCheckedAsIpv4() throws UnknownHostException {
        // A resolver may hand back a 16-byte Inet6Address for ::ffff:a.b.c.d (getByName never does).
        byte[] loopback = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 127, 0, 0, 1};
        byte[] privateNet = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 10, 1, 2, 3};
        byte[] publicNet = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 8, 8, 8, 8};
        assertThat(SsrfGuard.isForbidden(java.net.Inet6Address.getByAddress(null, loopback, -1)))
                .isTrue();
        assertThat(SsrfGuard.isForbidden(java.net.Inet6Address.getByAddress(null, privateNet, -1)))
                .isTrue();
        assertThat(SsrfGuard.isForbidden(java.net.Inet6Address.getByAddress(null, publicNet, -1)))
                .isFalse();
    }

    @Test
    void aNameResolvingOnlyToLoopbackIsRefusedUnlessAllowed() throws UnknownHostException {
        assertThatThrownBy(() -> new SsrfGuard(false).resolve("localhost"))
                .isInstanceOf(SsrfGuard.ForbiddenAddressException.class)
                .hasMessageContaining("BRANCHWORK_ALLOW_PRIVATE_ADDRESSES");
        assertThat(new SsrfGuard(true).resolve("localhost")).isNotEmpty();
    }
}
