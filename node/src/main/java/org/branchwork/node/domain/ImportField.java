package org.branchwork.node.domain;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a column of an imported file holds, as the organiser maps it: one of the node's member
 * fields, half of a name, or nothing the node keeps.
 */
public enum ImportField {
    NAME("name", "Name"),
    FIRST_NAME("first_name", "First name"),
    LAST_NAME("last_name", "Last name"),
    EMAIL("email", "Email"),
    POSTCODE("postcode", "Postcode"),
    PHONE("phone", "Phone"),
    CONTACT_CONSENT("contact_consent", "Contact consent (yes or no)"),
    TAGS("tags", "Tags (comma-separated)"),
    IGNORE("ignore", "Ignore this column");

    /**
     * Headers as people and other tools write them, after {@link #key}: lower case, accents and
     * punctuation gone, words single-spaced. Our own export's headers are here, "joined" among
     * them: the node sets that date itself, so importing our export needs no mapping step.
     */
    private static final Map<String, ImportField> SPELLINGS = Map.ofEntries(
            Map.entry("name", NAME),
            Map.entry("full name", NAME),
            Map.entry("fullname", NAME),
            Map.entry("display name", NAME),
            Map.entry("member name", NAME),
            Map.entry("contact name", NAME),
            Map.entry("first name", FIRST_NAME),
            Map.entry("firstname", FIRST_NAME),
            Map.entry("first", FIRST_NAME),
            Map.entry("given name", FIRST_NAME),
            Map.entry("forename", FIRST_NAME),
            Map.entry("last name", LAST_NAME),
            Map.entry("lastname", LAST_NAME),
            Map.entry("last", LAST_NAME),
            Map.entry("surname", LAST_NAME),
            Map.entry("family name", LAST_NAME),
            Map.entry("email", EMAIL),
            Map.entry("e mail", EMAIL),
            Map.entry("email address", EMAIL),
            Map.entry("e mail address", EMAIL),
            Map.entry("mail", EMAIL),
            Map.entry("postcode", POSTCODE),
            Map.entry("post code", POSTCODE),
            Map.entry("postal code", POSTCODE),
            Map.entry("zip", POSTCODE),
            Map.entry("zip code", POSTCODE),
            Map.entry("zipcode", POSTCODE),
            Map.entry("phone", PHONE),
            Map.entry("phone number", PHONE),
            Map.entry("telephone", PHONE),
            Map.entry("telephone number", PHONE),
            Map.entry("tel", PHONE),
            Map.entry("mobile", PHONE),
            Map.entry("mobile number", PHONE),
            Map.entry("mobile phone", PHONE),
            Map.entry("contact consent", CONTACT_CONSENT),
            Map.entry("consent", CONTACT_CONSENT),
            Map.entry("may contact", CONTACT_CONSENT),
            Map.entry("tags", TAGS),
            Map.entry("tag", TAGS),
            Map.entry("joined", IGNORE));

    private final String code;
    private final String label;

    ImportField(String code, String label) {
        this.code = code;
        this.label = label;
    }

    /** The value of the field's option in the mapping form, and the column name in problem reports. */
    public String code() {
        return code;
    }

    public String label() {
        return label;
    }

    public static Optional<ImportField> fromCode(String code) {
        for (ImportField f : values()) {
            if (f.code.equals(code)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** The field a header names, recognised case-insensitively among common spellings; empty when unknown. */
    public static Optional<ImportField> recognise(String header) {
        return Optional.ofNullable(SPELLINGS.get(key(header)));
    }

    /** A header as the node's export writes it: a field's code, or "joined". */
    public static boolean isOwnHeader(String header) {
        String h = header == null ? "" : header.strip().toLowerCase(Locale.ROOT);
        return h.equals("joined")
                || fromCode(h)
                        .filter(f -> f != IGNORE && f != FIRST_NAME && f != LAST_NAME)
                        .isPresent();
    }

    /** "E-mail Address " becomes "e mail address", "Post_Code" "post code", "Téléphone" "telephone". */
    static String key(String header) {
        String plain = Normalizer.normalize(header == null ? "" : header, Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "");
        return plain.toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N}]+", " ")
                .strip();
    }
}
