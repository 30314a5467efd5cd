/**
 * Application services: the use cases the web pages, the API and the inbound handlers call, and
 * their transaction boundaries; and the ports the layers above implement ({@code FederationOutbox}
 * with its sealed {@code DomainChange}, {@code Fediverse}, {@code Mailer}). Depends on domain,
 * storage, config and security; never on web, federation or Helidon.
 */
package org.branchwork.node.service;
