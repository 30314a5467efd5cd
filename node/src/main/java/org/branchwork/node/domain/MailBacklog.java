package org.branchwork.node.domain;

import java.time.Instant;

/** What the mail queue holds now, for the organisers' and admins' pages: no address, no text. */
public record MailBacklog(int queued, int failedLastDay, Instant oldestQueued) {}
