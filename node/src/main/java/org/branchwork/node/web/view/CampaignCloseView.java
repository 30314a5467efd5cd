package org.branchwork.node.web.view;

/** The step before a campaign is closed. */
public record CampaignCloseView(String title, String csrf, String id, String name) {}
