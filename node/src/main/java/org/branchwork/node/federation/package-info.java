/**
 * Federation: {@link org.branchwork.node.http.LocalUris} (every local IRI),
 * {@link org.branchwork.node.federation.local.LocalActors} (the node's actors and keys), and the
 * sub-packages for the read side ({@code wellknown}), mapping, and (to come) the inbox pipeline,
 * the delivery queue and remote resolution. Has no access to member storage.
 */
package org.branchwork.node.federation;
