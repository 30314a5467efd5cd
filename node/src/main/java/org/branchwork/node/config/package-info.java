/**
 * Operator configuration: the bundled {@code application.yaml}, an optional file, and the
 * {@code BRANCHWORK_*} environment variables (which win), validated into a
 * {@link org.branchwork.node.config.NodeConfig}. Depends on Helidon Config only.
 */
package org.branchwork.node.config;
