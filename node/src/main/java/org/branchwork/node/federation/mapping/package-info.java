/** Domain to ActivityStreams vocabulary: the only code that knows both. Never reads member records. */
package org.branchwork.node.federation.mapping;
