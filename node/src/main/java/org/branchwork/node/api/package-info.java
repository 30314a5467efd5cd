/** The JSON API under {@code /api/v1}: bearer-token or session authenticated, errors as RFC 9457 problems. Calls services and the federation's top level; never a store. */
package org.branchwork.node.api;
