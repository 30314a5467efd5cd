package org.branchwork.node.domain;

/** The id of an organiser's mailing, as its page and the API name it. */
public record MailingId(long value) {}
