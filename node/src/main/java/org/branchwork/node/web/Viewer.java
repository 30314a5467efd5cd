package org.branchwork.node.web;

import org.branchwork.node.domain.Member;
import org.branchwork.node.domain.Role;
import org.branchwork.node.service.Acting;
import org.branchwork.node.service.SessionService;

/** The signed-in member looking at a page, with their session's CSRF token. */
public record Viewer(SessionService.Current session) {

    public Member member() {
        return session.member();
    }

    public String csrf() {
        return session.csrfToken();
    }

    public Acting acting() {
        return new Acting(member().id(), member().role());
    }

    public boolean can(Role role) {
        return member().role().includes(role);
    }
}
