package org.branchwork.node.web.view;

import java.util.Optional;

import org.branchwork.node.domain.Role;
import org.branchwork.node.web.Viewer;

/** The header navigation: what the viewer may open, and the CSRF token for the sign-out button. */
public record Nav(boolean signedIn, String memberName, boolean organiser, boolean admin, String csrf) {

    public static Nav of(Optional<Viewer> viewer) {
        return viewer.map(v -> new Nav(true, v.member().displayName(), v.can(Role.ORGANISER), v.can(Role.ADMIN), v.csrf()))
                .orElse(new Nav(false, "", false, false, ""));
    }
}
