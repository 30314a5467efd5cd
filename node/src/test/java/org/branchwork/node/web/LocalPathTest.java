package org.branchwork.node.web;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class LocalPathTest {

    @ParameterizedTest
    @ValueSource(
            strings = {"/me", "/organise/members?page=2&q=jo", "/events/abc#rsvp", "/a/../b", "/%2F%2Fevil.example"})
    void aPathOnThisNodeIsKept(String path) {
        assertThat(LocalPath.parse(path)).contains(path);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "me",
                "//evil.example/x",
                "/\\evil.example/x",
                "/\t/evil.example/x",
                "/\n/evil.example",
                "/me\r\nSet-Cookie: evil=1",
                "/me\rRefresh: 0;url=https://evil.example",
                "https://evil.example/",
                "javascript:alert(1)",
                "/./\u0000/evil",
                "/.//evil.example",
                " /me",
                "/mé",
                "\\\\evil.example"
            })
    void anythingThatCouldLeaveTheNodeOrSplitAHeaderIsRefused(String path) {
        assertThat(LocalPath.parse(path)).as(path).isEmpty();
    }
}
