/** Password hashing and, later, sessions and tokens. Depends on Bouncy Castle only. */
package org.branchwork.node.security;
