package org.branchwork.node.domain;

/**
 * A page number from a query string ({@code ?page=}), the one place it is read: a whole number
 * from 1 to {@value #MAX}; anything else is page 1, anything larger the last page there can be.
 * Pages are at most 500 rows, so an offset stays far inside an {@code int}: {@code page=2147483647}
 * once overflowed into a negative SQL offset and a 500 on every paged list.
 */
public final class PageNumber {

    public static final int MAX = 1_000_000;

    private PageNumber() {}

    public static int parse(String text) {
        if (text == null || text.isBlank()) {
            return 1;
        }
        String digits = text.strip();
        if (!digits.chars().allMatch(Character::isDigit)) {
            return 1;
        }
        if (digits.length() > 7) {
            return MAX;
        }
        return clamp(Integer.parseInt(digits));
    }

    public static int clamp(int page) {
        return Math.min(Math.max(page, 1), MAX);
    }

    /** The offset of the page's first row. */
    public static int offset(int page, int pageSize) {
        return (clamp(page) - 1) * Math.min(Math.max(pageSize, 1), 500);
    }
}
