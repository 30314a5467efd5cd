/**
 * JSON-LD with Jackson: {@link org.branchwork.protocol.jsonld.ActivityCodec} is the only JSON entry
 * point. Keys are resolved through the document's {@code @context} (bundled contexts, never
 * fetched) to canonical terms ({@link org.branchwork.protocol.jsonld.Terms}), then read into the
 * vocabulary by {@code TypeRegistry}. Depends on {@code vocab} and Jackson.
 */
package org.branchwork.protocol.jsonld;
