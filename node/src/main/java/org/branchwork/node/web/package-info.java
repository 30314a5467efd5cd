/**
 * HTTP for people: templates, forms, sessions and the viewer, security headers, error pages and
 * the health endpoint. Calls services and the federation's top level; never a store.
 */
package org.branchwork.node.web;
