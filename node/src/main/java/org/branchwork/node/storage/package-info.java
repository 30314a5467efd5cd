/**
 * Persistence: {@link org.branchwork.node.storage.Database} (opening, migrations, shutdown),
 * {@link org.branchwork.node.storage.Transactions}, and one {@code *Store} per aggregate. JDBC on
 * HSQLDB; depends on domain and config only.
 */
package org.branchwork.node.storage;
