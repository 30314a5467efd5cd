/**
 * Outgoing mail: the {@link org.branchwork.node.service.Mailer} port's SMTP adapter (Jakarta
 * Mail) and its log fallback. Depends on service (the port) and configuration.
 */
package org.branchwork.node.mail;
