package io.dm4j.worker.db;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The session variables every downstream connection gets, and the one {@code SET SESSION} statement that applies
 * them.
 *
 * <p>sql_mode: unless {@code target-database.session} names one, dm4j takes the server's global sql_mode and makes it
 * permissive for replicated data the way DM does: it removes {@code STRICT_TRANS_TABLES}, {@code STRICT_ALL_TABLES},
 * {@code NO_ZERO_DATE}, {@code NO_ZERO_IN_DATE}, {@code ERROR_FOR_DIVISION_BY_ZERO} and {@code NO_AUTO_CREATE_USER}
 * (the upstream already accepted these rows; zero dates such as {@code 0000-00-00} must be stored as they are) and
 * adds {@code NO_AUTO_VALUE_ON_ZERO} (an explicit 0 in an AUTO_INCREMENT column is kept, not replaced by the next
 * value), {@code ALLOW_INVALID_DATES} (dates like {@code 2020-02-31} that a permissive upstream stored) and
 * {@code IGNORE_SPACE}. Every other mode of the server (for example {@code NO_ENGINE_SUBSTITUTION},
 * {@code PIPES_AS_CONCAT}) is kept, so DDL behaves as the downstream's owner configured it.
 *
 * <p>foreign_key_checks is 0 unless the session map sets it: rows arrive in parallel queues and the upstream already
 * enforced the constraints. time_zone follows the task's {@code timezone}.
 */
public final class SessionSettings {
    private SessionSettings() {
    }

    static final List<String> SQL_MODE_REMOVED = List.of("NO_ZERO_IN_DATE", "NO_ZERO_DATE",
            "ERROR_FOR_DIVISION_BY_ZERO", "NO_AUTO_CREATE_USER", "STRICT_TRANS_TABLES", "STRICT_ALL_TABLES");
    static final List<String> SQL_MODE_ADDED = List.of("IGNORE_SPACE", "NO_AUTO_VALUE_ON_ZERO", "ALLOW_INVALID_DATES");

    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

    /** The server's sql_mode with strict and zero-date checks removed and the replication modes added. */
    public static String adjustSqlMode(String serverMode) {
        Set<String> modes = new LinkedHashSet<>();
        if (serverMode != null) {
            for (String m : serverMode.split(",")) {
                String t = m.trim().toUpperCase(Locale.ROOT);
                if (!t.isEmpty() && !SQL_MODE_REMOVED.contains(t)) {
                    modes.add(t);
                }
            }
        }
        modes.addAll(SQL_MODE_ADDED);
        return String.join(",", modes);
    }

    /** The value for {@code time_zone}: {@code +HH:MM} for zones with a fixed offset (no time zone tables needed), else the region name. */
    public static String timeZoneValue(ZoneId zone) {
        if (zone.getRules().isFixedOffset()) {
            ZoneOffset offset = zone.getRules().getOffset(java.time.Instant.EPOCH);
            String id = offset.getId();
            return "Z".equals(id) ? "+00:00" : id.length() > 6 ? id.substring(0, 6) : id;
        }
        return zone.getId();
    }

    /**
     * The variables to set, in order: the user's session map, then sql_mode (the user's or the adjusted server
     * mode), foreign_key_checks (0 unless given) and time_zone (from {@code timeZone} when set). Names are
     * lower case.
     *
     * @param serverSqlMode the server's global sql_mode; only read when the session map has no sql_mode
     */
    public static Map<String, String> variables(DownstreamConfig cfg, String serverSqlMode) {
        Map<String, String> vars = new LinkedHashMap<>();
        cfg.session().forEach((k, v) -> vars.put(k.trim().toLowerCase(Locale.ROOT), v));
        vars.computeIfAbsent("sql_mode", k -> adjustSqlMode(serverSqlMode));
        vars.putIfAbsent("foreign_key_checks", "0");
        if (cfg.timeZone() != null) {
            vars.put("time_zone", timeZoneValue(cfg.timeZone()));
        }
        return vars;
    }

    /** Whether the session map leaves sql_mode to dm4j (so the server's global mode must be read first). */
    public static boolean needsServerSqlMode(DownstreamConfig cfg) {
        return cfg.session().keySet().stream().noneMatch(k -> k.trim().equalsIgnoreCase("sql_mode"));
    }

    /**
     * One {@code SET SESSION a = 1, b = 'x'} statement. Numbers are written bare (boolean variables reject
     * quoted digits), everything else as a quoted string.
     *
     * @throws IllegalArgumentException for a name that is not an identifier or a value with a backslash or
     *                                  control character (which the server might read differently)
     */
    public static String setStatement(Map<String, String> vars) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, String> e : vars.entrySet()) {
            String name = e.getKey();
            if (!VARIABLE_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("session variable name '" + name
                        + "' is not valid; use letters, digits and '_'");
            }
            parts.add(name + " = " + literal(name, e.getValue()));
        }
        return parts.isEmpty() ? "" : "SET SESSION " + String.join(", ", parts);
    }

    private static String literal(String name, String value) {
        if (value == null) {
            return "NULL";
        }
        String v = value.trim();
        if (NUMBER.matcher(v).matches()) {
            return v;
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\\' || Character.isISOControl(c)) {
                throw new IllegalArgumentException("value of session variable '" + name
                        + "' must not contain a backslash or control character");
            }
        }
        return "'" + v.replace("'", "''") + "'";
    }
}
