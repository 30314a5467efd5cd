package org.branchwork.node.federation.inbound;

/**
 * What a received activity's {@code object} is, from this node's point of view: resolved once per
 * activity (by the handlers' {@code ObjectKinds}), so that one activity type can mean several
 * things (a {@code Join} of a campaign or of an event, an {@code Undo} of a {@code Follow} or of
 * a {@code Join}) without each handler asking again.
 */
public enum ObjectKind {
    /** No object at all. */
    NONE,
    /** One of this node's campaigns. */
    LOCAL_CAMPAIGN,
    /** One of this node's consultations (its {@code Question}). */
    LOCAL_CONSULTATION,
    /** One of this node's events. */
    LOCAL_EVENT,
    /** A {@code Join} one of this node's members sent to another branch's event. */
    OUR_JOIN,
    /** Anything else under this node's origin (the branch actor, a {@code Follow} the branch sent). */
    LOCAL_OTHER,
    /** A remote {@code Follow}, embedded. */
    EMBEDDED_FOLLOW,
    /** A remote {@code Join}, embedded. */
    EMBEDDED_JOIN,
    /** Another remote activity, embedded ({@code Like}, {@code Create}…). */
    EMBEDDED_ACTIVITY,
    /** A remote object, embedded ({@code Note}, {@code Event}, a {@code bw:Goal}…). */
    REMOTE_OBJECT,
    /** A remote object named by its id only. */
    REMOTE_REFERENCE
}
