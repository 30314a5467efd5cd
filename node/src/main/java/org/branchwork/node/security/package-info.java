/** Password hashing and random tokens. Depends on Bouncy Castle only. */
package org.branchwork.node.security;
