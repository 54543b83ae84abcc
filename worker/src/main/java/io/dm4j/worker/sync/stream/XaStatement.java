package io.dm4j.worker.sync.stream;

import java.util.Locale;

/**
 * An XA statement as the upstream writes it into the binlog, e.g. {@code XA START X'7831',X'',1}. MySQL 5.7+ and
 * MariaDB 10.5+ log an XA transaction in two parts: {@code XA START}, its rows, {@code XA END} and an XA_PREPARE
 * event (or, MySQL only, {@code XA COMMIT ... ONE PHASE}) — then later, in a group of its own,
 * {@code XA COMMIT xid} or {@code XA ROLLBACK xid}.
 *
 * @param kind     which statement
 * @param xid      the transaction id as written, without blanks (the server writes it the same way each time)
 * @param onePhase {@code XA COMMIT ... ONE PHASE}: commits a transaction that was never prepared
 */
public record XaStatement(Kind kind, String xid, boolean onePhase) {
    public enum Kind { START, END, COMMIT, ROLLBACK }

    /** The XA statement {@code sql} is, or null when it is none. */
    public static XaStatement parse(String sql) {
        if (sql == null) {
            return null;
        }
        String s = sql.strip();
        if (s.length() < 3 || !s.regionMatches(true, 0, "XA", 0, 2) || !Character.isWhitespace(s.charAt(2))) {
            return null;
        }
        String rest = s.substring(3).stripLeading();
        int space = firstBlank(rest);
        String verb = (space < 0 ? rest : rest.substring(0, space)).toUpperCase(Locale.ROOT);
        Kind kind = switch (verb) {
            case "START", "BEGIN" -> Kind.START;
            case "END" -> Kind.END;
            case "COMMIT" -> Kind.COMMIT;
            case "ROLLBACK" -> Kind.ROLLBACK;
            default -> null;
        };
        if (kind == null) {
            return null; // XA PREPARE / XA RECOVER are not logged as queries
        }
        String xid = space < 0 ? "" : rest.substring(space).strip();
        boolean onePhase = false;
        String upper = xid.toUpperCase(Locale.ROOT);
        if (kind == Kind.COMMIT && upper.endsWith("ONE PHASE")) {
            onePhase = true;
            xid = xid.substring(0, xid.length() - "ONE PHASE".length()).strip();
        } else if (kind == Kind.END && upper.endsWith("SUSPEND")) {
            xid = xid.substring(0, xid.length() - "SUSPEND".length()).strip();
        }
        return new XaStatement(kind, xid.replaceAll("\\s+", ""), onePhase);
    }

    private static int firstBlank(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
