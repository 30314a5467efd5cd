package org.branchwork.node.web.view;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.branchwork.node.service.FieldError;

/**
 * A form page: the values to show again, the error per field and all errors for the summary,
 * the CSRF token, and an optional notice. Templates read {@code value.email}, {@code error.email}.
 */
public record FormView(
        String title,
        String csrf,
        Map<String, String> value,
        Map<String, String> error,
        List<String> errors,
        String notice,
        String next) {

    public static FormView empty(String title, String csrf) {
        return new FormView(title, csrf, Map.of(), Map.of(), List.of(), null, null);
    }

    public static FormView of(String title, String csrf, Map<String, String> values, List<FieldError> errors) {
        Map<String, String> byField = new LinkedHashMap<>();
        errors.forEach(e -> byField.putIfAbsent(e.field(), e.message()));
        return new FormView(
                title,
                csrf,
                values,
                byField,
                errors.stream().map(FieldError::message).toList(),
                null,
                null);
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    public FormView withNotice(String text) {
        return new FormView(title, csrf, value, error, errors, text, next);
    }

    public FormView withNext(String path) {
        return new FormView(title, csrf, value, error, errors, notice, path);
    }
}
