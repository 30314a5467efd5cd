/**
 * Outgoing HTTP for federation: {@link org.branchwork.node.federation.resolve.RemoteHttpClient}
 * (the one Apache HttpClient 5 client: timeouts, size caps, checked redirects),
 * {@link org.branchwork.node.federation.resolve.SsrfGuard}, and the fetchers built on them.
 */
package org.branchwork.node.federation.resolve;
