/**
 * Application services: the use cases the web pages and the API call, and their transaction
 * boundaries. Depends on domain and storage; never on web or on Helidon.
 */
package org.branchwork.node.service;
