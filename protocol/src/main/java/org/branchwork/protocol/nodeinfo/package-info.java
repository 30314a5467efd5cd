/** NodeInfo 2.0/2.1 documents and discovery. Depends on Jackson and {@code webfinger}'s JRD. */
package org.branchwork.protocol.nodeinfo;
