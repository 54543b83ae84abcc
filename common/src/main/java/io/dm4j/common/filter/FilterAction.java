package io.dm4j.common.filter;

import java.util.Locale;

/** The {@code action} of a binlog event filter rule. */
public enum FilterAction {
    DO, IGNORE, ERROR;

    /** Parses {@code Do}, {@code Ignore} or {@code Error}, case-insensitively. */
    public static FilterAction parse(String text) {
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "do":
                return DO;
            case "ignore":
                return IGNORE;
            case "error":
                return ERROR;
            default:
                throw new IllegalArgumentException("unknown filter action '" + text + "'; allowed: Do, Ignore, Error");
        }
    }
}
