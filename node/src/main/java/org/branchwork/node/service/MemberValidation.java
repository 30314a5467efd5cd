package org.branchwork.node.service;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.branchwork.node.domain.MemberDetails;

/**
 * The one set of rules for a member's fields, shared by the join form, the profile form, the CSV
 * import and the API, so that every way in accepts and refuses the same things with the same words.
 */
public final class MemberValidation {

    /** UK postcodes (the networks this is built for are in the UK); the space is optional on input. */
    private static final Pattern UK_POSTCODE = Pattern.compile("^([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})$");

    private static final Pattern PHONE = Pattern.compile("^\\+?[0-9 ()\\-]{7,24}$");
    /**
     * A tag in any script ("café", "Wahlkreis-Süd", "организатор", "志愿者"): a letter or digit, then
     * letters (with their combining marks), digits, spaces, - or _. Forty UTF-16 units at most, the
     * size of the {@code member_tag.tag} column.
     */
    private static final Pattern TAG = Pattern.compile("^[\\p{L}\\p{N}][\\p{L}\\p{M}\\p{N} _\\-]*$");

    private static final int MAX_TAG = 40;
    /** Shortest password accepted anywhere on the node. */
    public static final int MIN_PASSWORD_LENGTH = 10;

    /** Valid details, or the errors (field names as the forms name them). */
    public sealed interface Checked {
        record Valid(MemberDetails details) implements Checked {}

        record Invalid(List<FieldError> errors) implements Checked {}
    }

    private MemberValidation() {}

    public static Checked check(String name, String email, String postcode, String phone, boolean consent) {
        List<FieldError> errors = new ArrayList<>();
        String n = strip(name);
        if (n.isEmpty() || n.length() > 100 || n.chars().anyMatch(Character::isISOControl)) {
            errors.add(new FieldError("name", "Give a name of 1 to 100 characters."));
        }
        String e = strip(email).toLowerCase(Locale.ROOT);
        if (!SetupService.looksLikeEmail(e)) {
            errors.add(new FieldError("email", "Give an email address such as name@example.org."));
        }
        String p = normalisePostcode(postcode);
        if (p == null) {
            errors.add(new FieldError("postcode", "Give a UK postcode such as SK1 3XE."));
        }
        String ph = strip(phone);
        if (!ph.isEmpty() && !PHONE.matcher(ph).matches()) {
            errors.add(new FieldError(
                    "phone", "Give a phone number of digits, spaces and an optional leading +, or leave it empty."));
        }
        return errors.isEmpty()
                ? new Checked.Valid(new MemberDetails(n, e, p, ph, consent))
                : new Checked.Invalid(errors);
    }

    /** Upper-cased with one space before the inward code, or null when it is not a UK postcode. */
    public static String normalisePostcode(String raw) {
        String compact = strip(raw).toUpperCase(Locale.ROOT).replaceAll("\\s+", "");
        var m = UK_POSTCODE.matcher(compact);
        return m.matches() ? m.group(1) + " " + m.group(2) : null;
    }

    /**
     * Tags from a comma-separated list, lower-cased; the error names the first bad one. This is the
     * one tag rule: the tag form, the CSV import, the join paths and the API all come through here.
     */
    public static Set<String> tags(String commaSeparated, List<FieldError> errors) {
        Set<String> out = new LinkedHashSet<>();
        for (String raw : strip(commaSeparated).split(",")) {
            String tag = tag(raw);
            if (tag.isEmpty()) {
                continue;
            }
            if (tag.length() > MAX_TAG || !TAG.matcher(tag).matches()) {
                errors.add(new FieldError(
                        "tags", "Tags are 1 to 40 letters, digits, spaces, - or _; '" + raw.strip() + "' is not one."));
                break;
            }
            out.add(tag);
        }
        if (out.size() > 50) {
            errors.add(new FieldError("tags", "A member can have at most 50 tags."));
        }
        return out;
    }

    /**
     * A tag as stored and searched: stripped, lower-cased and in NFC, so that "Café" typed with a
     * combining accent (as macOS keyboards and some exports write it) is the same tag as "café".
     */
    public static String tag(String raw) {
        return Normalizer.normalize(strip(raw), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    }

    public static List<FieldError> password(String password, String confirmation) {
        String p = password == null ? "" : password;
        if (p.length() < MIN_PASSWORD_LENGTH || p.length() > 1000) {
            return List.of(new FieldError(
                    "password", "Choose a password of at least " + MIN_PASSWORD_LENGTH + " characters."));
        }
        if (!p.equals(confirmation)) {
            return List.of(new FieldError("passwordConfirmation", "The two passwords differ."));
        }
        return List.of();
    }

    private static String strip(String s) {
        return s == null ? "" : s.strip();
    }
}
