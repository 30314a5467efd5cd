package org.branchwork.node.web;

import java.net.URI;

/**
 * How pages name another node's actor when all they hold is its id: the host and the last path
 * segment ({@code stockport.example (stockport)}), shorter than the URL and enough to tell the
 * branches of one host apart. The URL stays in the page as the link or a data attribute.
 */
public final class ActorNames {

    private ActorNames() {}

    public static String of(URI actor) {
        String path = actor.getPath() == null ? "" : actor.getPath();
        String last = path.substring(path.lastIndexOf('/') + 1);
        String host = actor.getHost() == null ? actor.toString() : actor.getHost();
        return last.isEmpty() ? host : host + " (" + last + ")";
    }
}
