package org.branchwork.node.domain;

import java.time.Instant;

/**
 * A search of the member list: free text over name and email, a postcode prefix, a tag, a joined
 * date; sorted and paged. Empty strings and a null {@code joinedSince} mean "any".
 */
public record MemberQuery(
        String text, String postcodePrefix, String tag, Instant joinedSince, Sort sort, int page, int pageSize) {

    /** The orders the list offers. */
    public enum Sort {
        NEWEST("created_at DESC, id DESC"),
        OLDEST("created_at, id"),
        NAME("display_name, id"),
        POSTCODE("postcode, id");

        private final String sql;

        Sort(String sql) {
            this.sql = sql;
        }

        /** The ORDER BY clause: constant text, never built from input. */
        public String sql() {
            return sql;
        }
    }

    public static final int MAX_PAGE_SIZE = 500;

    public MemberQuery {
        text = text == null ? "" : text.strip();
        postcodePrefix = postcodePrefix == null ? "" : postcodePrefix.strip().toUpperCase(java.util.Locale.ROOT);
        // As MemberValidation.tag stores it: NFC and lower case, so "Café" finds "café" however typed.
        tag = tag == null
                ? ""
                : java.text.Normalizer.normalize(tag.strip(), java.text.Normalizer.Form.NFC)
                        .toLowerCase(java.util.Locale.ROOT);
        sort = sort == null ? Sort.NEWEST : sort;
        page = PageNumber.clamp(page);
        pageSize = Math.min(Math.max(pageSize, 1), MAX_PAGE_SIZE);
    }
}
