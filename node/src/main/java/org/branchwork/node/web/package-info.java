/**
 * HTTP for people and machines: templates, forms, security headers, error pages and the health
 * endpoint. Calls services; never stores directly.
 */
package org.branchwork.node.web;
