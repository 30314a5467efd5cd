/**
 * The Branchwork node: {@link org.branchwork.node.Main} reads the configuration,
 * {@link org.branchwork.node.Node} (the composition root) builds and wires every part by hand, and
 * {@code Routes} holds the whole URL table. May depend on every sub-package; nothing depends on it
 * but tests.
 */
package org.branchwork.node;
