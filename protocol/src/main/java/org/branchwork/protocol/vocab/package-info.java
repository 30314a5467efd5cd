/**
 * The ActivityStreams vocabulary as immutable records under the sealed {@link org.branchwork.protocol.vocab.AsObject}:
 * actors, activities, notes, articles, Mobilizon-compatible events and places, questions,
 * tombstones, documents and collections. {@link org.branchwork.protocol.vocab.Ref} solves
 * link-or-embedded once; {@link org.branchwork.protocol.vocab.Extensions} keeps what the model does
 * not name. No I/O; the only dependency is Jackson's tree type inside {@code Extensions}.
 */
package org.branchwork.protocol.vocab;
