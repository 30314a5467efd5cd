package org.branchwork.node.domain;

import java.net.URI;
import java.time.Instant;

/**
 * One branch's standing on a broadcast, on the sender's side: the follower it was delivered to,
 * its latest reported state and counts, and when that report was made (null: no report yet).
 */
public record BranchRelay(URI branch, RelayState state, RelayCounts counts, Instant reportedAt) {}
