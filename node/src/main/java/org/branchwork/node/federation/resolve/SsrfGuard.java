package org.branchwork.node.federation.resolve;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/**
 * Refuses outgoing connections to addresses that are not the public internet: loopback, private,
 * link-local, CGNAT, multicast and other special-use ranges, and IPv6 forms that embed them
 * (IPv4-mapped, NAT64). Installed as HttpClient's DNS resolver, so the check applies to the address
 * actually connected to, after every redirect: a name that resolves to 127.0.0.1 is refused too.
 */
public final class SsrfGuard implements DnsResolver {

    private final boolean allowPrivate;
    private final DnsResolver dns;

    public SsrfGuard(boolean allowPrivate) {
        this(allowPrivate, SystemDefaultDnsResolver.INSTANCE);
    }

    SsrfGuard(boolean allowPrivate, DnsResolver dns) {
        this.allowPrivate = allowPrivate;
        this.dns = dns;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] all = dns.resolve(host);
        if (allowPrivate) {
            return all;
        }
        InetAddress[] allowed = Arrays.stream(all).filter(a -> !isForbidden(a)).toArray(InetAddress[]::new);
        if (allowed.length == 0) {
            throw new ForbiddenAddressException(host);
        }
        return allowed;
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return dns.resolveCanonicalHostname(host);
    }

    /** Whether federation must not connect to this address. */
    public static boolean isForbidden(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return isForbiddenV4(b);
        }
        if (address instanceof Inet6Address) {
            int first = b[0] & 0xff;
            if ((first & 0xfe) == 0xfc) {
                return true;                                           // fc00::/7 unique local
            }
            if (first == 0xfe && (b[1] & 0xc0) == 0xc0) {
                return true;                                           // fec0::/10 site local (deprecated)
            }
            if (first == 0x20 && b[1] == 0x01 && b[2] == 0x0d && (b[3] & 0xff) == 0xb8) {
                return true;                                           // 2001:db8::/32 documentation
            }
            if (isZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                return isForbiddenV4(Arrays.copyOfRange(b, 12, 16));   // ::ffff:a.b.c.d IPv4-mapped
            }
            if (isZero(b, 0, 12)) {
                return true;                                           // ::/96 (unspecified, loopback, IPv4-compatible)
            }
            if (first == 0x00 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && isZero(b, 4, 12)) {
                return isForbiddenV4(Arrays.copyOfRange(b, 12, 16));   // 64:ff9b::/96 NAT64
            }
            return first == 0x20 && b[1] == 0x02;                      // 2002::/16 6to4 (embeds any IPv4)
        }
        return true;
    }

    private static boolean isForbiddenV4(byte[] b) {
        int a = b[0] & 0xff;
        int c = b[1] & 0xff;
        return a == 0                                  // 0.0.0.0/8 "this network"
                || a == 10                             // 10/8 private
                || a == 127                            // loopback
                || (a == 100 && c >= 64 && c <= 127)   // 100.64/10 CGNAT
                || (a == 169 && c == 254)              // link-local
                || (a == 172 && c >= 16 && c <= 31)    // 172.16/12 private
                || (a == 192 && c == 0 && (b[2] & 0xff) == 0)    // 192.0.0/24 IETF
                || (a == 192 && c == 0 && (b[2] & 0xff) == 2)    // TEST-NET-1
                || (a == 192 && c == 168)              // 192.168/16 private
                || (a == 198 && (c == 18 || c == 19))  // 198.18/15 benchmarking
                || (a == 198 && c == 51 && (b[2] & 0xff) == 100) // TEST-NET-2
                || (a == 203 && c == 0 && (b[2] & 0xff) == 113)  // TEST-NET-3
                || a >= 224;                           // multicast, reserved, broadcast
    }

    private static boolean isZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** A host that resolved only to forbidden addresses. */
    public static final class ForbiddenAddressException extends UnknownHostException {
        ForbiddenAddressException(String host) {
            super(host + " resolves only to private, loopback or special-use addresses; federation with them is off "
                    + "(BRANCHWORK_ALLOW_PRIVATE_ADDRESSES)");
        }
    }
}
