package org.branchwork.protocol.vocab;

/** A schema.org {@code PostalAddress}, as Mobilizon embeds it in an event's {@code Place}. */
public record PostalAddress(
        String streetAddress, String addressLocality, String addressRegion, String postalCode, String addressCountry) {

    /** The address on one line, for plain-text rendering (Mastodon shows no structure). */
    public String oneLine() {
        return java.util.stream.Stream.of(streetAddress, addressLocality, addressRegion, postalCode, addressCountry)
                .filter(s -> s != null && !s.isBlank())
                .reduce((a, b) -> a + ", " + b)
                .orElse("");
    }
}
