/** HTML pages per area ({@code *Pages}), each a Helidon {@code HttpService} rendering Mustache templates. */
package org.branchwork.node.web.pages;
