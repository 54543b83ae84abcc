package io.dm4j.common.daemon;

import java.util.regex.Pattern;

/**
 * What SQL text may appear in logs and error messages. Passwords never do: the password of {@code IDENTIFIED BY},
 * {@code PASSWORD(...)}, {@code SET PASSWORD} and {@code MASTER_PASSWORD} is always replaced. With dm-worker's
 * {@code redact-info-log: true} every literal (row values, defaults, comments' strings) becomes {@code ?} too.
 */
public final class LogRedaction {
    public static final String HIDDEN = "'******'";
    private static final String STRING = "(?:'(?:[^'\\\\]|\\\\.|'')*'|\"(?:[^\"\\\\]|\\\\.|\"\")*\")";
    private static final Pattern PASSWORDS = Pattern.compile("(?i)(IDENTIFIED\\s+(?:WITH\\s+\\S+\\s+)?(?:BY|AS)\\s+(?:PASSWORD\\s+)?"
            + "|PASSWORD\\s*\\(\\s*|SET\\s+PASSWORD\\b[^=]*=\\s*(?:PASSWORD\\s*\\(\\s*)?|MASTER_PASSWORD\\s*=\\s*)" + STRING);
    private static final Pattern LITERALS = Pattern.compile(STRING + "|(?<![\\w$.`])[-+]?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?(?![\\w$`])");

    private static volatile boolean redactValues;

    private LogRedaction() {
    }

    /** Set once at start from {@code redact-info-log}. */
    public static void configure(boolean redactInfoLog) {
        redactValues = redactInfoLog;
    }

    public static boolean redactsValues() {
        return redactValues;
    }

    /** A statement as it may be logged: passwords hidden always, literals hidden under redact-info-log. */
    public static String sql(String sql) {
        if (sql == null) {
            return null;
        }
        String s = PASSWORDS.matcher(sql).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(m.group(1) + HIDDEN));
        return redactValues ? LITERALS.matcher(s).replaceAll("?") : s;
    }

    /** A row value or other user data as it may be logged: itself, or {@code ?} under redact-info-log. */
    public static Object value(Object v) {
        return redactValues ? "?" : v;
    }
}
