package org.branchwork.node.web.view;

/**
 * Figures that move while mail goes out (a mailing's progress, a relayed broadcast's). The page
 * updates itself only when the organiser asks ({@code ?follow=1}) and offers to stop: a page that
 * reloads on its own moves a screen reader's place and a half-typed form away (WCAG 2.2.1), and
 * pages carry no script to update figures in place.
 *
 * @param live      the figures are still moving
 * @param following the organiser asked for the page to update itself, and it does
 * @param path      this page, without the query
 */
public record LiveFigures(boolean live, boolean following, String path) {

    /** How often a followed page reloads, in seconds. */
    public static final int EVERY = 5;

    public static LiveFigures of(boolean live, boolean asked, String path) {
        return new LiveFigures(live, live && asked, path);
    }

    public int every() {
        return EVERY;
    }
}
