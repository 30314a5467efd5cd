/** The JSON API under {@code /api/v1}: bearer-token authenticated, errors as RFC 9457 problems. Calls services. */
package org.branchwork.node.api;
