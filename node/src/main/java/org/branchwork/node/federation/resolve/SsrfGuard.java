package org.branchwork.node.federation.resolve;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/**
 * Refuses outgoing connections to addresses that are not the public internet: loopback, private,
 * link-local, CGNAT, multicast and every other IANA special-purpose range, and the IPv6 forms that
 * embed or translate to IPv4 (IPv4-mapped and -translated, NAT64, local-use NAT64, 6to4, Teredo). Installed as HttpClient's DNS resolver, so the check applies to the address
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

    /**
     * IPv6 ranges that are not the public internet, from the IANA IPv6 Special-Purpose Address
     * Registry (RFC 6890 and later) and the unicast plan; the IPv4 forms embedded in NAT64 and
     * IPv4-mapped addresses are checked against the IPv4 rules instead.
     */
    private static final List<Prefix> FORBIDDEN_V6 = List.of(
            Prefix.of("::", 96), // unspecified, loopback, IPv4-compatible (deprecated)
            Prefix.of("::ffff:0:0:0", 96), // IPv4-translated (SIIT)
            Prefix.of("64:ff9b:1::", 48), // local-use NAT64 (RFC 8215): translates to any IPv4 behind it
            Prefix.of("100::", 64), // discard-only
            Prefix.of("2001::", 23), // IETF protocol assignments: Teredo 2001::/32, benchmarking, ORCHID, ...
            Prefix.of("2001:db8::", 32), // documentation
            Prefix.of("2002::", 16), // 6to4 (embeds any IPv4)
            Prefix.of("3fff::", 20), // documentation (RFC 9637)
            Prefix.of("5f00::", 16), // SRv6 SIDs
            Prefix.of("fc00::", 7), // unique local
            Prefix.of("fe80::", 10), // link-local
            Prefix.of("fec0::", 10), // site-local (deprecated)
            Prefix.of("ff00::", 8)); // multicast

    private static final Prefix IPV4_MAPPED = Prefix.of("::ffff:0:0", 96);
    private static final Prefix NAT64 = Prefix.of("64:ff9b::", 96);

    /** Whether federation must not connect to this address. */
    public static boolean isForbidden(InetAddress address) {
        if (address.isAnyLocalAddress()
                || address.isLoopbackAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return isForbiddenV4(b);
        }
        if (address instanceof Inet6Address) {
            if (IPV4_MAPPED.contains(b) || NAT64.contains(b)) {
                return isForbiddenV4(Arrays.copyOfRange(b, 12, 16));
            }
            return FORBIDDEN_V6.stream().anyMatch(p -> p.contains(b));
        }
        return true;
    }

    /** An address prefix: the first {@code bits} bits of {@code address}. */
    private record Prefix(byte[] address, int bits) {
        static Prefix of(String literal, int bits) {
            try {
                byte[] address = InetAddress.getByName(literal).getAddress();
                // getByName turns an IPv4-mapped literal (::ffff:0:0) into IPv4: keep the IPv6 form.
                return new Prefix(address.length == 4 ? mapped(address) : address, bits);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(literal, e);
            }
        }

        boolean contains(byte[] candidate) {
            if (candidate.length != 16 || address.length != 16) {
                // InetAddress turns an IPv4-mapped literal into IPv4; rebuild its IPv6 form.
                return candidate.length == 4 && address.length == 16 && contains(mapped(candidate));
            }
            int whole = bits / 8;
            for (int i = 0; i < whole; i++) {
                if (candidate[i] != address[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (candidate[whole] & mask) == (address[whole] & mask);
        }

        private static byte[] mapped(byte[] v4) {
            byte[] v6 = new byte[16];
            v6[10] = (byte) 0xff;
            v6[11] = (byte) 0xff;
            System.arraycopy(v4, 0, v6, 12, 4);
            return v6;
        }
    }

    private static boolean isForbiddenV4(byte[] b) {
        int a = b[0] & 0xff;
        int c = b[1] & 0xff;
        int d = b[2] & 0xff;
        return a == 0 // 0.0.0.0/8 "this network"
                || a == 10 // 10/8 private
                || a == 127 // loopback
                || (a == 100 && c >= 64 && c <= 127) // 100.64/10 CGNAT
                || (a == 169 && c == 254) // link-local
                || (a == 172 && c >= 16 && c <= 31) // 172.16/12 private
                || (a == 192 && c == 0 && d == 0) // 192.0.0/24 IETF protocol assignments
                || (a == 192 && c == 0 && d == 2) // TEST-NET-1
                || (a == 192 && c == 31 && d == 196) // AS112-v4
                || (a == 192 && c == 52 && d == 193) // AMT
                || (a == 192 && c == 88 && d == 99) // 6to4 relay anycast (deprecated)
                || (a == 192 && c == 168) // 192.168/16 private
                || (a == 192 && c == 175 && d == 48) // AS112 direct delegation
                || (a == 198 && (c == 18 || c == 19)) // 198.18/15 benchmarking
                || (a == 198 && c == 51 && d == 100) // TEST-NET-2
                || (a == 203 && c == 0 && d == 113) // TEST-NET-3
                || a >= 224; // multicast, reserved, broadcast
    }

    /** A host that resolved only to forbidden addresses. */
    public static final class ForbiddenAddressException extends UnknownHostException {
        ForbiddenAddressException(String host) {
            super(host + " resolves only to private, loopback or special-use addresses; federation with them is off "
                    + "(BRANCHWORK_ALLOW_PRIVATE_ADDRESSES)");
        }
    }
}
