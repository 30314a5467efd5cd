/** The records handed to Mustache templates: exactly what a page shows, nothing more. */
package org.branchwork.node.web.view;
