package org.branchwork.node.service;

/**
 * A service's verdict on a change that someone outside asked for (a peer's adoption of a campaign,
 * a progress report): done, nothing to do, or refused, each with the words that say why. The
 * federation files it as the received activity's outcome; no caller has to parse a sentence.
 */
public sealed interface Effect {

    record Changed(String what) implements Effect {}

    record Unchanged(String reason) implements Effect {}

    record Refused(String reason) implements Effect {}

    static Effect changed(String what) {
        return new Changed(what);
    }

    static Effect unchanged(String reason) {
        return new Unchanged(reason);
    }

    static Effect refused(String reason) {
        return new Refused(reason);
    }
}
