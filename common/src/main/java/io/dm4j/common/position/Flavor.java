package io.dm4j.common.position;

import java.util.Locale;

/** The upstream's server family; decides the GTID format and a few protocol details. */
public enum Flavor {
    MYSQL,
    MARIADB;

    /** Parses DM's {@code flavor} key: {@code mysql} or {@code mariadb} (case-insensitive). */
    public static Flavor parse(String text) {
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "mysql":
                return MYSQL;
            case "mariadb":
                return MARIADB;
            default:
                throw new IllegalArgumentException("unknown flavor '" + text + "'; allowed: mysql, mariadb");
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
