package org.branchwork.node.web.view;

import java.util.List;

/** The form that writes a broadcast: subject, Markdown text, and the campaigns it may be meant for. */
public record BroadcastFormView(String title, FormView form, List<Choice> segments) {}
