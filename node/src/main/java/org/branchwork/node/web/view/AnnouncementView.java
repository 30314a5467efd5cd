package org.branchwork.node.web.view;

/** One announcement's public page; {@code html} is the sanitised HTML the node rendered from Markdown. */
public record AnnouncementView(
        String title,
        String csrf,
        String uuid,
        String heading,
        String html,
        String markdown,
        String published,
        String updated,
        boolean organiser,
        String notice) {}
