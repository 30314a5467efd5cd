package org.branchwork.node.domain;

import java.time.Instant;

/** An event a member was checked in at, as their record and their data download list it. */
public record EventAttended(EventId event, String name, Instant starts) {}
