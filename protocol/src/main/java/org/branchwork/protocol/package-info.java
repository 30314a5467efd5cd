/**
 * Branchwork's ActivityPub library: a pure library with no web server, no database and no global
 * state, usable by any ActivityPub project. Depends on Jackson and Bouncy Castle only.
 *
 * <ul>
 *   <li>{@code vocab}: ActivityStreams and extension types as immutable records;</li>
 *   <li>{@code jsonld}: {@code ActivityCodec}, the only JSON entry point, with bundled contexts;</li>
 *   <li>{@code sig}: HTTP signatures (draft-cavage-12 and RFC 9421), digests and keys;</li>
 *   <li>{@code proof}: FEP-8b32 object integrity proofs ({@code eddsa-jcs-2022});</li>
 *   <li>{@code webfinger} and {@code nodeinfo}: discovery documents.</li>
 * </ul>
 */
package org.branchwork.protocol;
