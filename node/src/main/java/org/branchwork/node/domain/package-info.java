/**
 * Domain records and invariants per feature (branch, member, ...). Pure Java: no JDBC, no HTTP, no
 * ActivityPub vocabulary.
 */
package org.branchwork.node.domain;
