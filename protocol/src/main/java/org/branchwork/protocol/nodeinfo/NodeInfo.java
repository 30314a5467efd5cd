package org.branchwork.protocol.nodeinfo;

import java.util.List;

/**
 * A NodeInfo 2.0 or 2.1 document: which software a server runs and how big it is.
 *
 * @param version           {@code 2.0} or {@code 2.1}
 * @param software          name (lower-case, per the schema, though some send capitals) and version
 * @param protocols         e.g. {@code activitypub}
 * @param openRegistrations whether anyone may sign up
 * @param usage             user and post counts (each may be absent)
 * @param nodeName          {@code metadata.nodeName}, or null
 */
public record NodeInfo(
        String version,
        Software software,
        List<String> protocols,
        Services services,
        boolean openRegistrations,
        Usage usage,
        String nodeName) {

    public NodeInfo {
        protocols = List.copyOf(protocols);
    }

    /** {@code software}. */
    public record Software(String name, String version, String repository, String homepage) {}

    /** {@code services}. */
    public record Services(List<String> inbound, List<String> outbound) {
        public Services {
            inbound = List.copyOf(inbound);
            outbound = List.copyOf(outbound);
        }
    }

    /** {@code usage}. */
    public record Usage(Long totalUsers, Long activeMonth, Long activeHalfyear, Long localPosts) {}
}
