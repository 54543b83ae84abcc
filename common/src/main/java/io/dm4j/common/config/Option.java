package io.dm4j.common.config;

/**
 * One configuration key, declared once: name as written in DM's files, type, default, one-line doc, and how it is
 * checked. Reading, validation and the generated reference (docs/configuration.md) all come from this declaration.
 *
 * @param defaultText  how the default is shown in docs when it is computed (e.g. "= master-addr"); null to show the value
 * @param deprecation  null, or what to use instead; deprecated keys are still accepted (with a warning)
 * @param isHidden       accepted but not part of DM's documented surface
 */
record Option<T>(String key, ValueType<T> type, T defaultValue, String defaultText, String doc, boolean isRequired,
                 String deprecation, boolean isHidden, Check<T> check) {

    /** A rule a value must satisfy beyond its type; returns null when fine, else what is wrong and what is allowed. */
    @FunctionalInterface
    interface Check<T> {
        String problem(T value);
    }

    static <T> Option<T> of(String key, ValueType<T> type, T defaultValue, String doc) {
        return new Option<>(key, type, defaultValue, null, doc, false, null, false, null);
    }

    Option<T> required() {
        return new Option<>(key, type, defaultValue, defaultText, doc, true, deprecation, isHidden, check);
    }

    Option<T> deprecated(String instead) {
        return new Option<>(key, type, defaultValue, defaultText, doc, isRequired, instead, isHidden, check);
    }

    Option<T> hidden() {
        return new Option<>(key, type, defaultValue, defaultText, doc, isRequired, deprecation, true, check);
    }

    Option<T> check(Check<T> rule) {
        return new Option<>(key, type, defaultValue, defaultText, doc, isRequired, deprecation, isHidden, rule);
    }

    Option<T> defaultText(String text) {
        return new Option<>(key, type, defaultValue, text, doc, isRequired, deprecation, isHidden, check);
    }

    /** The default as the reference shows it. */
    String shownDefault() {
        if (defaultText != null) {
            return defaultText;
        }
        if (isRequired) {
            return "(required)";
        }
        if (defaultValue == null) {
            return "";
        }
        String shown = type.show(defaultValue);
        return shown.isEmpty() ? "\"\"" : shown;
    }

    // -- common checks ---------------------------------------------------------------------------------------

    static Check<Integer> positive() {
        return v -> v > 0 ? null : "must be greater than 0, found " + v;
    }

    static Check<Integer> notNegative() {
        return v -> v >= 0 ? null : "must be 0 or more, found " + v;
    }

    static Check<Long> notNegativeLong() {
        return v -> v >= 0 ? null : "must be 0 or more, found " + v;
    }
}
