/** WebFinger (RFC 7033): strict {@code acct:} parsing and the JRD document. Depends on Jackson. */
package org.branchwork.protocol.webfinger;
