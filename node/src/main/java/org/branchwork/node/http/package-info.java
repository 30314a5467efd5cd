/**
 * What every HTTP-facing layer (web, API, federation) shares, and nothing else: RFC 9457 problem
 * details ({@code Problem}), the node's public origin and the IRIs of its local things
 * ({@code LocalUris}). Depends on domain only.
 */
package org.branchwork.node.http;
