package org.branchwork.node.web.view;

/** An option or a checkbox on a form: its value, what it says, and whether it is chosen. */
public record Choice(String value, String label, boolean chosen) {}
