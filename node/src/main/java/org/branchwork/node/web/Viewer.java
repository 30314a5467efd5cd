package org.branchwork.node.web;

import java.util.Optional;

import org.branchwork.node.domain.Member;
import org.branchwork.node.domain.Role;
import org.branchwork.node.service.Acting;
import org.branchwork.node.service.SessionService;
import org.branchwork.node.web.view.Nav;

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

    /** The header navigation for whoever is looking, signed in or not. */
    public static Nav nav(Optional<Viewer> viewer) {
        return viewer.map(v ->
                        new Nav(true, v.member().displayName(), v.can(Role.ORGANISER), v.can(Role.ADMIN), v.csrf()))
                .orElse(Nav.signedOut());
    }
}
