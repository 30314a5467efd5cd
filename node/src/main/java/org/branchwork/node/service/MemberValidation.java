package org.branchwork.node.service;

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
    private static final Pattern TAG = Pattern.compile("^[a-z0-9][a-z0-9 _\\-]{0,39}$");
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

    /** Tags from a comma-separated list, lower-cased; the error names the first bad one. */
    public static Set<String> tags(String commaSeparated, List<FieldError> errors) {
        Set<String> out = new LinkedHashSet<>();
        for (String raw : strip(commaSeparated).split(",")) {
            String tag = raw.strip().toLowerCase(Locale.ROOT);
            if (tag.isEmpty()) {
                continue;
            }
            if (!TAG.matcher(tag).matches()) {
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
