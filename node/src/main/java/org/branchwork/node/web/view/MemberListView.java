package org.branchwork.node.web.view;

import java.util.List;

/** The organisers' member list: filters as given, one page of rows, paging links, tags in use. */
public record MemberListView(
        String title,
        String csrf,
        String q,
        String postcode,
        String tag,
        String since,
        String sort,
        List<Row> rows,
        long total,
        int page,
        int pages,
        String previous,
        String next,
        String export,
        List<String> tags,
        List<String> errors) {

    /** One member in the table. */
    public record Row(long id, String name, String email, String postcode, String phone, String tags, String joined) {}

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    public boolean sortNewest() {
        return sort.equals("newest");
    }

    public boolean sortOldest() {
        return sort.equals("oldest");
    }

    public boolean sortName() {
        return sort.equals("name");
    }

    public boolean sortPostcode() {
        return sort.equals("postcode");
    }
}
